using CondaRecipes.Files;
using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Sources;

/// <summary>
/// Copies a <c>path:</c> source into its folder through <see cref="TreeCopier"/> (symbolic links as links):
/// every file with its permissions and modification time, and no <c>.git</c>, which belongs to the
/// developer's checkout, not to the build.
/// </summary>
internal static class PathSourceCopier
{
    public static string Resolve(RecipeSource spec, string recipeDir)
    {
        var path = spec.Path!.StartsWith('~')
            ? System.IO.Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), spec.Path[1..])
            : System.IO.Path.GetFullPath(spec.Path, recipeDir);
        if (!Directory.Exists(path) && !File.Exists(path)) throw SourceErrors.PathNotFound(spec, path);
        return path;
    }

    /// <param name="exclude">Directories never copied: the build's own work and staging directories, in
    /// case the path source contains them (e.g. <c>path: ..</c> with the work directory inside the project).</param>
    public static void Copy(string source, string destination, IEnumerable<string> exclude, CancellationToken ct)
    {
        if (File.Exists(source))
            destination = System.IO.Path.Combine(destination, System.IO.Path.GetFileName(source));
        var excluded = exclude.Select(e => System.IO.Path.GetFullPath(e)).ToHashSet();
        TreeCopier.Copy(source, destination, new TreeCopyOptions(
            path => System.IO.Path.GetFileName(path) == ".git" || excluded.Contains(path),
            // Make-based builds compare times; keep the source's, not the copy's.
            KeepModificationTimes: true), ct);
    }
}
