using System.Text.RegularExpressions;

// Outside the functional tests' namespace, so it runs without their PostgreSQL set-up: it reads files only.
namespace LunarVoc.Architecture.Tests;

/// <summary>docs/architecture.md lists each walk's files with their line counts: the counts must be true.</summary>
[TestFixture]
public sealed partial class ArchitectureDocumentTests
{
    private static readonly string Root = FindRoot();

    private static readonly string Document = File.ReadAllText(Path.Combine(Root, "docs", "architecture.md"));

    [Test]
    public void Every_file_a_walk_lists_exists_with_the_line_count_it_gives()
    {
        var rows = FileRow().Matches(Document);
        var wrong = rows
            .Select(row => (Path: row.Groups["path"].Value, Given: int.Parse(row.Groups["lines"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(row => !File.Exists(Path.Combine(Root, row.Path)) || LinesOf(row.Path) != row.Given)
            .Select(row => $"{row.Path}: given {row.Given}, has {(File.Exists(Path.Combine(Root, row.Path)) ? LinesOf(row.Path) : "no file")}")
            .ToList();

        Assert.That(rows, Has.Count.GreaterThan(20));
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Each_walks_total_is_the_sum_of_its_files()
    {
        var sections = Document.Split("\n## ", StringSplitOptions.RemoveEmptyEntries);
        var totals = 0;
        foreach (var section in sections)
        {
            if (TotalRow().Match(section) is not { Success: true } total)
            {
                continue;
            }

            var rows = FileRow().Matches(section);
            totals++;
            Assert.That(int.Parse(total.Groups["files"].Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(rows.Count), section[..40]);
            Assert.That(
                int.Parse(total.Groups["lines"].Value, System.Globalization.CultureInfo.InvariantCulture),
                Is.EqualTo(rows.Sum(row => int.Parse(row.Groups["lines"].Value, System.Globalization.CultureInfo.InvariantCulture))),
                section[..40]);
        }

        Assert.That(totals, Is.EqualTo(3), "the status, write and stream walks");
    }

    private static int LinesOf(string path) => File.ReadAllLines(Path.Combine(Root, path)).Length;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LunarVoc.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("LunarVoc.sln not found above the test's directory");
    }

    [GeneratedRegex(@"^\| `(?<path>src/[^`]+)` \| (?<lines>\d+) \|", RegexOptions.Multiline)]
    private static partial Regex FileRow();

    [GeneratedRegex(@"^\| \*\*(?<files>\d+) files\*\* \| \*\*(?<lines>\d+)\*\* \|", RegexOptions.Multiline)]
    private static partial Regex TotalRow();
}
