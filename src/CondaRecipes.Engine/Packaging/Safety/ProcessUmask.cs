namespace CondaRecipes.Packaging.Safety;

/// <summary>
/// The process's file-mode creation mask, read once from <c>/proc/self/status</c> (.NET does not expose
/// umask). A file created with an explicit mode needs a chmod afterwards only when the mask removed one of
/// its bits; when the mask cannot be read every bit is assumed masked, so modes are always set.
/// </summary>
internal static class ProcessUmask
{
    private static readonly Lazy<UnixFileMode> Mask = new(Read);

    public static UnixFileMode Value => Mask.Value;

    private static UnixFileMode Read()
    {
        const UnixFileMode all = (UnixFileMode)0b111_111_111;
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("Umask:", StringComparison.Ordinal))
                    return (UnixFileMode)Convert.ToInt32(line["Umask:".Length..].Trim(), 8);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return all;
    }
}
