using System.Threading.Tasks;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.AnalyzerVerifier<LifetimeAnalyzers.UseAfterReleaseAnalyzer>;

namespace LifetimeAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Minimal reproductions of the defects the robustness tests found, one test each, so that each can be
    /// fixed and checked on its own, and stays fixed.
    /// </summary>
    public sealed class DefectReproductions
    {
        // Found on the hostile async-iterator shape: calling an iterator runs none of its body, so the release in it
        // happens during the enumeration, later. The method summary took the call for the release, and the correct
        // use before enumerating warned.
        [Fact]
        public Task Calling_an_iterator_that_releases_its_argument_does_not_release_it_yet() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using System.IO;

            class Reader
            {
                IEnumerable<int> Bytes(Stream s)
                {
                    try
                    {
                        yield return s.ReadByte();
                    }
                    finally
                    {
                        s.Dispose();
                    }
                }

                int Sum(Stream s)
                {
                    var bytes = Bytes(s);
                    s.Position = 0;
                    var sum = 0;
                    foreach (var b in bytes)
                    {
                        sum += b;
                    }

                    return sum;
                }
            }
            """);

        [Fact]
        public Task Calling_an_async_iterator_that_releases_its_argument_does_not_release_it_yet() => Verify.VerifyAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;

            class Reader
            {
                async IAsyncEnumerable<int> Read(Stream s)
                {
                    yield return s.ReadByte();
                    await s.DisposeAsync();
                }

                async Task<int> Sum(Stream s)
                {
                    var items = Read(s);
                    s.Position = 0;
                    var sum = 0;
                    await foreach (var b in items)
                    {
                        sum += b;
                    }

                    return sum;
                }
            }
            """);
    }
}
