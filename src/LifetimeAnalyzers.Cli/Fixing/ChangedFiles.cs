using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LifetimeAnalyzers.Cli.Fixing
{
    /// <summary>Writes the documents a fix changed back to their files, keeping each file's encoding and byte order mark.</summary>
    internal static class ChangedFiles
    {
        private static readonly byte[] s_utf8Bom = { 0xEF, 0xBB, 0xBF };

        /// <summary>
        /// Writes every document of <paramref name="fixedSolution"/> whose text differs from <paramref name="original"/>,
        /// and returns the paths written together with a solution in which every project that shares such a file sees
        /// its new text.
        /// </summary>
        public static async Task<(IReadOnlyList<string> Written, Solution Solution)> WriteAsync(Solution original, Solution fixedSolution, CancellationToken cancellationToken)
        {
            var written = new List<string>();
            var texts = new Dictionary<string, SourceText>(StringComparer.Ordinal);
            foreach (var projectChanges in fixedSolution.GetChanges(original).GetProjectChanges())
            {
                foreach (var documentId in projectChanges.GetChangedDocuments(onlyGetDocumentsWithTextChanges: true))
                {
                    var document = fixedSolution.GetDocument(documentId);
                    if (document?.FilePath is not { } path || texts.ContainsKey(path) || !File.Exists(path))
                    {
                        continue;
                    }

                    var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                    texts[path] = text;
                    await WriteFileAsync(path, text, cancellationToken).ConfigureAwait(false);
                    written.Add(path);
                }
            }

            // Other projects that compile the same file (other target frameworks) see it as written.
            var solution = fixedSolution;
            foreach (var (path, text) in texts)
            {
                foreach (var id in solution.GetDocumentIdsWithFilePath(path))
                {
                    solution = solution.WithDocumentText(id, text, PreservationMode.PreserveIdentity);
                }
            }

            written.Sort(StringComparer.Ordinal);
            return (written, solution);
        }

        private static async Task WriteFileAsync(string path, SourceText text, CancellationToken cancellationToken)
        {
            var encoding = EncodingFor(path, text);
            try
            {
                await File.WriteAllTextAsync(path, text.ToString(), encoding, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot write the fixed '{path}': {e.Message}", e);
            }
        }

        /// <summary>The encoding the file was read with; for UTF-8, with a byte order mark only when the file had one.</summary>
        private static Encoding EncodingFor(string path, SourceText text)
        {
            var encoding = text.Encoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            if (encoding is not UTF8Encoding)
            {
                return encoding;
            }

            var head = new byte[3];
            int read;
            using (var stream = File.OpenRead(path))
            {
                read = stream.Read(head, 0, head.Length);
            }

            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: read == 3 && head.SequenceEqual(s_utf8Bom));
        }
    }
}
