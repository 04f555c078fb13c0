using CondaRecipes.Diagnostics;
using CondaRecipes.Packaging;

namespace CondaRecipes.Pipeline;

/// <summary>
/// The folders of one variant's build: <c>&lt;work&gt;/&lt;recipe&gt;/&lt;variant&gt;/</c> holding the
/// sources (<c>work</c>), the build prefix, the host prefix — whose path is padded to 255 characters and is
/// itself the prefix placeholder, as in conda-build — the package staging tree and the test prefix.
/// </summary>
public sealed class WorkLayout
{
    public WorkLayout(string workDir, string recipeName, string variantId, string logDir)
    {
        Root = Path.GetFullPath(Path.Combine(workDir, recipeName, variantId));
        // 255 characters leave room only for a short work folder.
        if (Root.Length > 200)
            throw new CondaRecipesException(BuildErrorCodes.WorkDirTooLong,
                $"The work folder {Root} is {Root.Length} characters long; the host prefix is padded to 255 characters from it.",
                hint: "Point CondaWorkDir at a shorter path (e.g. /tmp/cr).");
        SrcDir = Path.Combine(Root, "work");
        BuildPrefix = Path.Combine(Root, "build_env");
        HostPrefix = PrefixPlaceholder.Create(Root);
        StagingDir = Path.Combine(Root, "pkg");
        ArchiveDir = Path.Combine(Root, "out");
        TestDir = Path.Combine(Root, "test");
        LogPath = Path.Combine(logDir, recipeName, variantId + ".log");
        TestLogPath = Path.Combine(logDir, recipeName, variantId + ".test.log");
    }

    public string Root { get; }
    public string SrcDir { get; }
    public string BuildPrefix { get; }
    public string HostPrefix { get; }
    /// <summary>Holds one staging tree per output (<see cref="StagingDirFor"/>).</summary>
    public string StagingDir { get; }

    /// <summary>The staging tree of one output: its files and info/, as the archive will hold them.</summary>
    public string StagingDirFor(string outputName) => Path.Combine(StagingDir, outputName);

    /// <summary>Holds the variant's archives under their subdir, indexed as a channel for the tests.</summary>
    public string ArchiveDir { get; }
    public string TestDir { get; }
    public string LogPath { get; }
    public string TestLogPath { get; }

    /// <summary>Removes what an earlier build of this variant left, and starts a fresh log.</summary>
    public void Reset()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
        File.WriteAllText(LogPath, "");
    }
}
