using System.Text;
using System.Text.Json.Nodes;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Packaging;

/// <summary>
/// Writes a package's <c>info/</c> directory into its package root (docs/package-format.md, "info/"):
/// index.json, paths.json, files, has_prefix, about.json, recipe/, test/, run_exports.json, link.json,
/// hash_input.json. Never writes <c>info/repodata_record.json</c> and refuses a tree holding it or
/// <c>conda-meta/</c>, which belong to installed environments, not packages.
/// </summary>
public static class InfoWriter
{
    /// <summary>
    /// Writes <c>info/</c> under <paramref name="packageRoot"/> and returns the paths.json entries.
    /// <paramref name="prefix"/> is the host prefix the files were built in (see <see cref="PrefixPlaceholder"/>).
    /// </summary>
    public static IReadOnlyList<PathEntry> Write(string packageRoot, PackageMetadata metadata, string? prefix)
    {
        Validate(metadata);
        packageRoot = Path.GetFullPath(packageRoot);
        RejectReservedPaths(packageRoot);
        var info = Path.Combine(packageRoot, "info");
        Directory.CreateDirectory(info);

        var paths = metadata.PrefixFiles.Apply(PathsScanner.Scan(packageRoot, prefix, metadata.NoLink));

        JsonFiles.Write(Path.Combine(info, "index.json"), IndexJson(metadata));
        JsonFiles.Write(Path.Combine(info, "paths.json"), new JsonObject
        {
            ["paths"] = new JsonArray(paths.Select(p => (JsonNode?)p.ToJson()).ToArray()),
            ["paths_version"] = 1,
        }, sortKeys: false);
        File.WriteAllText(Path.Combine(info, "files"),
            string.Concat(paths.Where(p => p.PathType != "directory").Select(p => p.Path + "\n")));
        WriteHasPrefix(info, paths);
        JsonFiles.Write(Path.Combine(info, "about.json"), AboutJson(metadata.About));
        JsonFiles.Write(Path.Combine(info, "hash_input.json"),
            new JsonObject(metadata.HashInput.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))));
        if (!metadata.RunExports.IsEmpty)
            JsonFiles.Write(Path.Combine(info, "run_exports.json"), metadata.RunExports.ToJson());
        if (metadata.Noarch is not null)
            JsonFiles.Write(Path.Combine(info, "link.json"), LinkJson(metadata));
        WriteRecipe(Path.Combine(info, "recipe"), metadata);
        TestFilesWriter.Write(Path.Combine(info, "test"), metadata.Test);
        if (metadata.TestsYaml is not null)
        {
            Directory.CreateDirectory(Path.Combine(info, "tests"));
            File.WriteAllText(Path.Combine(info, "tests", "tests.yaml"), metadata.TestsYaml);
        }
        return paths;
    }

    internal static JsonObject IndexJson(PackageMetadata m)
    {
        var noarch = m.Noarch is not null;
        var json = new JsonObject
        {
            ["arch"] = noarch ? null : ArchOf(m.Subdir),
            ["build"] = m.Build,
            ["build_number"] = m.BuildNumber,
            ["constrains"] = JsonFiles.Array(m.Constrains.Order(StringComparer.Ordinal)),
            ["depends"] = JsonFiles.Array(m.Depends.Order(StringComparer.Ordinal)),
            ["name"] = m.Name,
            ["platform"] = noarch ? null : m.Subdir.Split('-')[0],
            ["subdir"] = m.EffectiveSubdir,
            ["timestamp"] = m.Timestamp,
            ["version"] = m.Version,
        };
        if (m.License is not null) json["license"] = m.License;
        if (m.LicenseFamily is not null) json["license_family"] = m.LicenseFamily;
        if (m.Noarch is not null) json["noarch"] = m.Noarch;
        if (m.TrackFeatures is not null) json["track_features"] = m.TrackFeatures;
        return json;
    }

    private static string? ArchOf(string subdir)
    {
        var dash = subdir.IndexOf('-');
        var arch = dash < 0 ? null : subdir[(dash + 1)..];
        return arch switch { "64" => "x86_64", "32" => "x86", _ => arch };
    }

    private static JsonObject AboutJson(AboutInfo about)
    {
        var json = new JsonObject();
        foreach (var (key, value) in about.Extra) json[key] = value;
        void Set(string key, string? value) { if (value is not null) json[key] = value; }
        Set("summary", about.Summary);
        Set("description", about.Description);
        Set("home", about.Home);
        Set("dev_url", about.DevUrl);
        Set("doc_url", about.DocUrl);
        Set("license", about.License);
        Set("license_family", about.LicenseFamily);
        Set("license_file", about.LicenseFile);
        json["channels"] = JsonFiles.Array(about.Channels);
        json["conda_recipes_version"] = typeof(InfoWriter).Assembly.GetName().Version?.ToString();
        return json;
    }

    /// <summary>
    /// conda-build's link.json, written for every noarch package: the noarch type and, for
    /// <c>noarch: python</c>, the entry points conda turns into console scripts at install. An ordinary
    /// package has none (its console scripts are files in bin/).
    /// </summary>
    internal static JsonObject LinkJson(PackageMetadata m)
    {
        var noarch = new JsonObject { ["type"] = m.Noarch };
        if (m.Noarch == "python" && m.EntryPoints.Count > 0)
            noarch["entry_points"] = JsonFiles.Array(m.EntryPoints);
        return new JsonObject { ["noarch"] = noarch, ["package_metadata_version"] = 1 };
    }

    private static void WriteHasPrefix(string info, IReadOnlyList<PathEntry> paths)
    {
        var lines = new StringBuilder();
        foreach (var p in paths.Where(p => p.PrefixPlaceholder is not null))
        {
            var path = p.Path.Any(char.IsWhiteSpace) ? $"\"{p.Path}\"" : p.Path;
            lines.Append($"{p.PrefixPlaceholder} {(p.FileMode == PrefixFileMode.Binary ? "binary" : "text")} {path}\n");
        }
        if (lines.Length > 0) File.WriteAllText(Path.Combine(info, "has_prefix"), lines.ToString());
    }

    private static void WriteRecipe(string recipeDir, PackageMetadata m)
    {
        if (m.RenderedRecipe is null && m.OriginalRecipe is null && m.RecipeFiles.Count == 0) return;
        Directory.CreateDirectory(recipeDir);
        foreach (var file in m.RecipeFiles) CopyMetadataFile(file, recipeDir);
        // The rendered and original texts win over files of the same name.
        if (m.RenderedRecipe is not null) File.WriteAllText(Path.Combine(recipeDir, m.RecipeFileNames.Rendered), m.RenderedRecipe);
        if (m.OriginalRecipe is not null) File.WriteAllText(Path.Combine(recipeDir, m.RecipeFileNames.Original), m.OriginalRecipe);
    }

    internal static void CopyMetadataFile(MetadataFile file, string targetDir)
    {
        var relative = file.RelativePath.Replace('\\', '/').TrimStart('/');
        if (relative.Split('/').Contains(".."))
            throw new CondaRecipesException(PackagingErrorCodes.InvalidMetadata,
                $"The metadata file target '{file.RelativePath}' leaves the info directory.", file.SourcePath,
                hint: "Use a path relative to the recipe without '..'.");
        if (!File.Exists(file.SourcePath))
            throw new CondaRecipesException(PackagingErrorCodes.MetadataFileMissing,
                $"The file '{file.SourcePath}' to copy into the package metadata does not exist.", file.SourcePath,
                hint: "Check the recipe's file lists (test/files, recipe files) against the recipe directory.");
        var target = Path.Combine(targetDir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(file.SourcePath, target, overwrite: true);
    }

    private static void Validate(PackageMetadata m)
    {
        void Check(Recipes.PackageNameRules.Field field, string value)
        {
            var problem = string.IsNullOrWhiteSpace(value) ? "it is empty" : Recipes.PackageNameRules.Problem(field, value);
            if (problem is not null)
                throw new CondaRecipesException(PackagingErrorCodes.InvalidMetadata,
                    $"The package {Recipes.PackageNameRules.Describe(field)} '{value}' is not valid: {problem}.",
                    hint: $"Fix the recipe's {Recipes.PackageNameRules.Describe(field)}; conda splits file names on '-'.");
        }
        Check(Recipes.PackageNameRules.Field.Name, m.Name);
        Check(Recipes.PackageNameRules.Field.Version, m.Version);
        Check(Recipes.PackageNameRules.Field.BuildString, m.Build);
        if (m.Noarch is not null and not ("python" or "generic"))
            throw new CondaRecipesException(PackagingErrorCodes.InvalidNoarch,
                $"build/noarch is '{m.Noarch}'; conda knows noarch: python and noarch: generic.",
                hint: "Write noarch: python for a pure-Python package, noarch: generic for one that is the same on every platform.");
    }

    private static void RejectReservedPaths(string root)
    {
        foreach (var reserved in new[] { "info/repodata_record.json", "conda-meta" })
        {
            var full = Path.Combine(root, reserved);
            if (File.Exists(full) || Directory.Exists(full))
                throw new CondaRecipesException(PackagingErrorCodes.ReservedPath,
                    $"The package tree holds '{reserved}', which conda reserves for installed environments.", full,
                    hint: "Remove it from the collected files; it must not be shipped in a package.");
        }
    }
}
