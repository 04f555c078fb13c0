using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CondaRecipes.Tasks;

/// <summary>
/// The table a build ends with: one row per variant (built, up to date, skipped, failed) with its package files,
/// their size, the duration and, for a failure, its log; then the counts. A recipe project prints it for its
/// variants, a traversal project once for every recipe. The counts also form the project's
/// <see cref="TerminalLine"/>, the line .NET's terminal logger shows at its default verbosity.
/// </summary>
public sealed class SummarizeCondaBuild : CondaTaskBase
{
    /// <summary>Every variant asked for (ItemSpec = variant id); metadata Recipe and Log for the ones that failed.</summary>
    public ITaskItem[] Variants { get; set; } = [];

    /// <summary>
    /// The Outcome items (StartCondaVariant, FinishCondaVariant) of the variants that finished, and "not built" items (Status, Reason) of
    /// those never started; metadata Recipe.
    /// </summary>
    public ITaskItem[] Outcomes { get; set; } = [];

    [Required] public string ProjectFile { get; set; } = "";

    /// <summary>Folder the package paths are shown relative to (the repository root).</summary>
    public string ShowRelativeTo { get; set; } = "";

    /// <summary>Print the table (false: only the counts line).</summary>
    public bool Table { get; set; } = true;

    /// <summary>
    /// Outcome items of every variant, failed ones included (Status=failed, Log), with metadata Row (the table's
    /// line for it), in the table's order: a traversal project collects them and prints one table.
    /// </summary>
    [Output] public ITaskItem[] All { get; private set; } = [];

    protected override void ExecuteCore()
    {
        var finished = Outcomes.ToDictionary(Key, StringComparer.Ordinal);
        var rows = new List<ITaskItem>(Outcomes);
        foreach (var v in Variants.Where(v => !finished.ContainsKey(Key(v))))
        {
            var failed = new TaskItem(v.ItemSpec);
            ((ITaskItem2)failed).SetMetadataValueLiteral("Recipe", v.GetMetadata("Recipe"));
            ((ITaskItem2)failed).SetMetadataValueLiteral("Status", "failed");
            ((ITaskItem2)failed).SetMetadataValueLiteral("Log", v.GetMetadata("Log"));
            rows.Add(failed);
        }
        rows = rows.OrderBy(r => Order(r.GetMetadata("Status"))).ThenBy(Key, StringComparer.Ordinal)
            .Select(r => { var copy = new TaskItem(r); ((ITaskItem2)copy).SetMetadataValueLiteral("Row", Row(r)); return (ITaskItem)copy; }).ToList();
        All = rows.ToArray();

        if (Table && rows.Count > 0)
        {
            Log.LogMessage(MessageImportance.High, "Summary:");
            foreach (var row in rows)
                Log.LogMessage(MessageImportance.High, "  " + row.GetMetadata("Row"));
        }
        var notBuilt = rows.Count(r => r.GetMetadata("Status") == NotBuilt);
        var counts = string.Join(", ", new[] { "built", "up to date", "skipped", "failed" }
            .Select(s => $"{rows.Count(r => r.GetMetadata("Status") == s)} {s}")) + (notBuilt > 0 ? $", {notBuilt} {NotBuilt}" : "");
        Log.LogMessage(MessageImportance.High, TerminalLine.Of(ProjectFile, counts));
    }

    private static string Key(ITaskItem i) => i.GetMetadata("Recipe") + "/" + i.ItemSpec;

    /// <summary>A variant whose build never started: the outer build stopped at an earlier failed variant.</summary>
    private const string NotBuilt = "not built";

    private static int Order(string status) => status switch { "failed" => 0, NotBuilt => 1, "built" => 2, "up to date" => 3, _ => 4 };

    private string Row(ITaskItem r)
    {
        var status = r.GetMetadata("Status");
        var variant = $"{r.GetMetadata("Recipe")} {r.ItemSpec}";
        if (status == "failed")
            return $"{"failed",-10} {variant,-40} log: {Shown(r.GetMetadata("Log"))}";
        var files = r.GetMetadata("Packages").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(Shown).ToList();
        var what = files.Count > 0 ? string.Join(", ", files) : $"({r.GetMetadata("Reason")})";
        var size = files.Count > 0 && long.TryParse(r.GetMetadata("Size"), out var bytes) ? Size(bytes) : "";
        var duration = r.GetMetadata("Duration") is { Length: > 0 } seconds ? seconds + "s" : "";
        return $"{status,-10} {variant,-40} {what}  {size,8}  {duration}".TrimEnd();
    }

    private string Shown(string path) =>
        ShowRelativeTo.Length > 0 && Path.IsPathRooted(path) ? Path.GetRelativePath(ShowRelativeTo, path) : path;

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024.0 * 1024)).ToString("F1", CultureInfo.InvariantCulture) + " MB",
    };
}
