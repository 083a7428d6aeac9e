using Microsoft.CodeAnalysis.Text;

namespace LifetimeAnalyzers
{
    /// <summary>How a diagnostic hands a span to its code fix: as a <c>start:length</c> property.</summary>
    internal static class SpanProperty
    {
        public static string Format(TextSpan span) => span.Start + ":" + span.Length;

        public static TextSpan? Parse(string? text)
        {
            var parts = text?.Split(':');
            return parts is { Length: 2 } && int.TryParse(parts[0], out var start) && int.TryParse(parts[1], out var length) && start >= 0 && length >= 0
                ? new TextSpan(start, length)
                : null;
        }
    }
}
