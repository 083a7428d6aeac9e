using System.Text;
using Microsoft.CodeAnalysis;

namespace LifetimeAnalyzers.Lifetime
{
    /// <summary>How messages quote code: on one line, and not too long.</summary>
    internal static class Describe
    {
        private const int MaxLength = 80;

        public static string Quoted(SyntaxNode node)
        {
            // Every run of white space becomes one space; only the first MaxLength characters (and one more, to know
            // whether to cut) are needed.
            var text = node.ToString();
            var quoted = new StringBuilder(MaxLength + 3).Append('\'');
            var length = 0;
            for (var i = 0; i < text.Length && length <= MaxLength; i++)
            {
                if (!char.IsWhiteSpace(text[i]))
                {
                    quoted.Append(text[i]);
                    length++;
                }
                else if (i == 0 || !char.IsWhiteSpace(text[i - 1]))
                {
                    quoted.Append(' ');
                    length++;
                }
            }

            if (length > MaxLength)
            {
                quoted.Length = MaxLength + 1;
                quoted.Append('…');
            }

            return quoted.Append('\'').ToString();
        }
    }
}
