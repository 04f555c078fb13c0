using CondaRecipes.Diagnostics;

namespace CondaRecipes.Channels.Index;

/// <summary>
/// Where unreadable archives go: <c>&lt;channel&gt;/.quarantine/&lt;subdir&gt;/&lt;file&gt;</c>. A truncated
/// <c>.conda</c> or a file a build script dropped into the channel would otherwise stop every later index with
/// CR5902; moved there, it is out of the index (a dot folder is never a subdir) but kept for inspection.
/// Called under the channel lock only.
/// </summary>
public static class ChannelQuarantine
{
    /// <summary>The folder, relative to the channel.</summary>
    public const string FolderName = ".quarantine";

    internal static Diagnostic SetAside(string channelDir, string subdir, string archive, Exception why)
    {
        var dest = Path.Combine(channelDir, FolderName, subdir, Path.GetFileName(archive));
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            // A rename within the channel: the archive leaves the subdir in one step, never half-copied.
            File.Move(archive, dest, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CondaRecipesException(IndexErrorCodes.SetAsideFailed,
                $"'{archive}' cannot be read ({why.Message}) and could not be moved to '{dest}': {e.Message}", archive,
                hint: "Remove the file from the channel by hand, then build again.", inner: e);
        }
        return Diagnostic.Warning(IndexErrorCodes.ArchiveSetAside,
            $"'{archive}' is not a readable package ({why.Message}); moved to '{dest}' and left out of the index.", dest);
    }
}
