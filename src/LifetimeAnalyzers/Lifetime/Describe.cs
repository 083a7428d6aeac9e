using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>How messages quote code: on one line, and not too long.</summary>
    internal static class Describe
    {
        private const int MaxLength = 80;

        public static string Quoted(SyntaxNode node)
        {
            var text = Regex.Replace(node.ToString(), @"\s+", " ");
            return "'" + (text.Length > MaxLength ? text.Substring(0, MaxLength) + "…" : text) + "'";
        }
    }
}
