using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CodeRefactorings;
using Xunit;

namespace LifetimeAnalyzers.Tests.Meta
{
    /// <summary>Keeps the package honest: every rule has its docs page, its README row and its release-tracking entry; every fix names real rules.</summary>
    public sealed class PackageConsistencyTests
    {
        private static readonly Regex s_releaseTrackingRow = new(@"^\s*(?<id>[A-Z]+\d+)\s*\|", RegexOptions.CultureInvariant);

        public static TheoryData<string> DescriptorIds()
        {
            var data = new TheoryData<string>();
            foreach (var id in PackageContents.SupportedDescriptors().Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal))
            {
                data.Add(id);
            }

            return data;
        }

        [Fact]
        public void The_analyzer_assembly_has_analyzers()
        {
            Assert.NotEmpty(PackageContents.Analyzers());
            Assert.NotEmpty(PackageContents.SupportedDescriptors());
        }

        [Fact]
        public void Descriptor_ids_are_unique()
        {
            var duplicates = PackageContents.SupportedDescriptors()
                .GroupBy(d => d.Id)
                .Where(group => group.Count() > 1)
                .Select(group => group.Key)
                .ToList();

            Assert.True(duplicates.Count == 0, "Several different descriptors share an id: " + string.Join(", ", duplicates));
        }

        [Theory]
        [MemberData(nameof(DescriptorIds))]
        public void Descriptor_has_the_help_link_of_its_id(string id)
        {
            foreach (var descriptor in DescriptorsWithId(id))
            {
                Assert.Equal(Descriptors.HelpLink(id), descriptor.HelpLinkUri);
                Assert.EndsWith("docs/rules/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
            }
        }

        [Theory]
        [MemberData(nameof(DescriptorIds))]
        public void Descriptor_is_in_the_lifetime_category_and_has_a_title_message_and_description(string id)
        {
            foreach (var descriptor in DescriptorsWithId(id))
            {
                Assert.Equal(Descriptors.Category, descriptor.Category);
                Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()), $"{id} has no title.");
                Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()), $"{id} has no message.");
                Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()), $"{id} has no description.");
            }
        }

        [Theory]
        [MemberData(nameof(DescriptorIds))]
        public void Rule_has_a_docs_page_titled_with_its_id(string id)
        {
            var page = Repository.PathOf($"docs/rules/{id}.md");
            Assert.True(File.Exists(page), $"docs/rules/{id}.md is missing.");

            var firstLine = File.ReadLines(page).FirstOrDefault() ?? "";
            Assert.StartsWith($"# {id}", firstLine, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(DescriptorIds))]
        public void Rule_is_in_the_docs_index(string id)
        {
            var index = Repository.PathOf("docs/rules/README.md");
            Assert.True(File.Exists(index), "docs/rules/README.md is missing.");
            Assert.Contains($"({id}.md)", File.ReadAllText(index), StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(DescriptorIds))]
        public void Rule_is_tracked_in_the_analyzer_release_files(string id)
        {
            Assert.Contains(id, ReleaseTrackedIds());
        }

        [Fact]
        public void Every_release_tracked_rule_has_a_descriptor()
        {
            var descriptorIds = PackageContents.SupportedDescriptors().Select(d => d.Id).ToImmutableHashSet();
            var orphans = ReleaseTrackedIds().Where(id => !descriptorIds.Contains(id)).ToList();

            Assert.True(orphans.Count == 0, "Release-tracked rules no analyzer supports: " + string.Join(", ", orphans));
        }

        [Theory]
        [MemberData(nameof(DescriptorIds))]
        public void Readme_has_a_row_linking_the_rule_page(string id)
        {
            var readme = Repository.PathOf("README.md");
            if (!File.Exists(readme))
            {
                // The README is written separately; until it exists there is nothing to keep in step.
                return;
            }

            var link = $"docs/rules/{id}.md";
            var rows = File.ReadLines(readme).Where(line => line.TrimStart().StartsWith('|'));
            Assert.True(rows.Any(row => row.Contains(link, StringComparison.Ordinal)), $"README.md has no table row linking {link}.");
        }

        [Fact]
        public void The_code_fix_assembly_has_code_fix_providers()
        {
            Assert.NotEmpty(PackageContents.CodeFixProviderTypes());
        }

        [Fact]
        public void Every_code_fix_provider_fixes_only_our_rules()
        {
            var ids = PackageContents.SupportedDescriptors().Select(d => d.Id).ToImmutableHashSet();
            foreach (var type in PackageContents.CodeFixProviderTypes())
            {
                var provider = (CodeFixProvider)Activator.CreateInstance(type)!;

                Assert.False(provider.FixableDiagnosticIds.IsDefaultOrEmpty, $"{type.Name} fixes no diagnostic.");
                foreach (var id in provider.FixableDiagnosticIds)
                {
                    Assert.True(ids.Contains(id), $"{type.Name} claims to fix {id}, which no analyzer of the package reports.");
                }
            }
        }

        [Fact]
        public void Every_code_fix_provider_is_exported_for_CSharp()
        {
            foreach (var type in PackageContents.CodeFixProviderTypes())
            {
                var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();

                Assert.True(export != null, $"{type.Name} has no [ExportCodeFixProvider] attribute.");
                Assert.Contains(LanguageNames.CSharp, export!.Languages);
            }
        }

        [Fact]
        public void Every_code_fix_provider_supports_fix_all()
        {
            foreach (var type in PackageContents.CodeFixProviderTypes())
            {
                var provider = (CodeFixProvider)Activator.CreateInstance(type)!;

                Assert.True(provider.GetFixAllProvider() != null, $"{type.Name} has no FixAll provider.");
            }
        }

        [Fact]
        public void Every_refactoring_is_exported_for_CSharp()
        {
            Assert.NotEmpty(PackageContents.CodeRefactoringProviderTypes());
            foreach (var type in PackageContents.CodeRefactoringProviderTypes())
            {
                var export = type.GetCustomAttribute<ExportCodeRefactoringProviderAttribute>();

                Assert.True(export != null, $"{type.Name} has no [ExportCodeRefactoringProvider] attribute.");
                Assert.Contains(LanguageNames.CSharp, export!.Languages);
            }
        }

        [Fact]
        public void Every_refactoring_has_a_docs_page_that_the_readme_links()
        {
            var pages = Directory.GetFiles(Repository.PathOf("docs/refactorings"), "*.md");
            var readme = File.ReadAllText(Repository.PathOf("README.md"));
            foreach (var type in PackageContents.CodeRefactoringProviderTypes())
            {
                // A page names its provider in its table, so a renamed provider cannot leave a stale page behind.
                var page = pages.FirstOrDefault(p => File.ReadAllText(p).Contains($"`{type.Name}`", StringComparison.Ordinal));
                Assert.True(page != null, $"No page in docs/refactorings names {type.Name}.");
                Assert.Contains($"docs/refactorings/{Path.GetFileName(page)}", readme, StringComparison.Ordinal);
            }
        }

        private static IEnumerable<DiagnosticDescriptor> DescriptorsWithId(string id) =>
            PackageContents.SupportedDescriptors().Where(d => d.Id == id);

        /// <summary>The rules the release-tracking files leave in the package: added in some release (shipped first, then unshipped) and not removed since.</summary>
        private static ImmutableHashSet<string> ReleaseTrackedIds()
        {
            var ids = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            foreach (var file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
            {
                var path = Repository.PathOf("src/LifetimeAnalyzers/" + file);
                Assert.True(File.Exists(path), $"src/LifetimeAnalyzers/{file} is missing.");

                var removed = false;
                foreach (var line in File.ReadLines(path))
                {
                    if (line.StartsWith("###", StringComparison.Ordinal))
                    {
                        removed = line.Contains("Removed", StringComparison.OrdinalIgnoreCase);
                        continue;
                    }

                    var match = s_releaseTrackingRow.Match(line);
                    if (match.Success)
                    {
                        if (removed)
                        {
                            ids.Remove(match.Groups["id"].Value);
                        }
                        else
                        {
                            ids.Add(match.Groups["id"].Value);
                        }
                    }
                }
            }

            return ids.ToImmutable();
        }
    }
}
