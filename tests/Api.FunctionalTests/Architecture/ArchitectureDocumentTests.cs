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
    public void Each_tables_total_is_the_sum_of_its_files()
    {
        var tables = Tables().ToList();
        foreach (var (heading, rows, files, lines) in tables)
        {
            Assert.That(files, Is.EqualTo(rows.Count), heading);
            Assert.That(lines, Is.EqualTo(rows.Sum(row => row.Lines)), heading);
        }

        Assert.That(tables.Count(table => table.Heading.StartsWith("The path", StringComparison.Ordinal)), Is.EqualTo(3), "the status, write and stream paths");
    }

    [Test]
    public void Every_file_the_text_names_exists()
    {
        var sources = Directory.GetFiles(Path.Combine(Root, "src"), "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .ToList();
        var named = NamedFile().Matches(Document).Select(match => match.Groups["name"].Value).Distinct().ToList();
        var missing = named
            .Where(name => !File.Exists(Path.Combine(Root, name)) && !sources.Any(path => path == name || path.EndsWith("/" + name, StringComparison.Ordinal)))
            .ToList();

        Assert.That(named, Has.Count.GreaterThan(20));
        Assert.That(missing, Is.Empty, "files the text names that are not in the repository");
    }

    /// <summary>Each table under a ### heading that ends in a total row: its heading, its file rows and the total it gives.</summary>
    private static IEnumerable<(string Heading, List<(string Path, int Lines)> Rows, int Files, int Lines)> Tables()
    {
        foreach (var section in Document.Split("\n### ", StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var body = section.Split("\n## ")[0];
            if (TotalRow().Match(body) is not { Success: true } total)
            {
                continue;
            }

            var rows = FileRow().Matches(body)
                .Select(row => (row.Groups["path"].Value, int.Parse(row.Groups["lines"].Value, System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();
            yield return (
                section[..section.IndexOf('\n', StringComparison.Ordinal)],
                rows,
                int.Parse(total.Groups["files"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(total.Groups["lines"].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
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

    [GeneratedRegex(@"`(?<name>[A-Za-z0-9_./-]+\.(?:cs|sql|md|sh))`")]
    private static partial Regex NamedFile();

    [GeneratedRegex(@"^\| `(?<path>src/[^`]+)` \| (?<lines>\d+) \|", RegexOptions.Multiline)]
    private static partial Regex FileRow();

    [GeneratedRegex(@"^\| \*\*(?<files>\d+) files\*\* \| \*\*(?<lines>\d+)\*\* \|", RegexOptions.Multiline)]
    private static partial Regex TotalRow();
}
