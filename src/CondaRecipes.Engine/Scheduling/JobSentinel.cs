using System.Globalization;

namespace CondaRecipes.Scheduling;

/// <summary>Reads the exit-code file a job script writes from its EXIT trap (see <see cref="JobScriptWriter"/>).</summary>
public static class JobSentinel
{
    /// <summary>The exit code, or null while the file does not exist or is not a number.</summary>
    public static int? TryRead(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return null; }
    }
}
