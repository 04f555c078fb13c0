using System.Text.RegularExpressions;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.ExternalCondaBuild.Patching;

/// <summary>Where conda-build is installed inside an environment, and which version it is.</summary>
/// <param name="PackageDirectory">The <c>site-packages/conda_build</c> directory.</param>
/// <param name="PostPy">Its <c>post.py</c>.</param>
/// <param name="Version">The conda-build version, or <c>"unknown"</c>.</param>
public sealed record CondaBuildInstallation(string SitePackages, string PackageDirectory, string PostPy, string Version)
{
    public const string UnknownVersion = "unknown";

    /// <summary>Finds <c>lib/python3.X/site-packages/conda_build/post.py</c> in an environment (the newest Python first).</summary>
    /// <exception cref="CondaRecipesException">CR7201 when there is none.</exception>
    public static CondaBuildInstallation Locate(string environmentDirectory)
    {
        var candidates = new List<string>();
        var lib = Path.Combine(environmentDirectory, "lib");
        if (Directory.Exists(lib))
            candidates.AddRange(Directory.GetDirectories(lib, "python3*")
                .OrderByDescending(d => PythonMinor(Path.GetFileName(d)))
                .Select(d => Path.Combine(d, "site-packages")));
        candidates.Add(Path.Combine(environmentDirectory, "Lib", "site-packages")); // Windows layout

        foreach (var sitePackages in candidates)
        {
            var postPy = Path.Combine(sitePackages, "conda_build", "post.py");
            if (File.Exists(postPy))
                return new CondaBuildInstallation(sitePackages, Path.GetDirectoryName(postPy)!, postPy, ReadVersion(sitePackages));
        }
        throw new CondaRecipesException(CondaBuildErrorCodes.PostPyNotFound,
            $"No conda_build/post.py under '{environmentDirectory}' (looked in lib/python3.*/site-packages).",
            file: environmentDirectory,
            hint: "Make sure the environment file installs conda-build, or remove the environment so it is recreated.");
    }

    /// <summary>
    /// The installed version: the dist-info's METADATA first (written by the installer, so authoritative),
    /// then <c>_version.py</c> (setuptools-scm's <c>version = '…'</c> or versioneer's JSON), then
    /// <c>__version__</c> in <c>__init__.py</c>.
    /// </summary>
    public static string ReadVersion(string sitePackages)
    {
        if (Directory.Exists(sitePackages))
        {
            foreach (var distInfo in Directory.GetDirectories(sitePackages, "conda_build-*.dist-info"))
            {
                var metadata = Path.Combine(distInfo, "METADATA");
                if (!File.Exists(metadata)) continue;
                var m = Regex.Match(File.ReadAllText(metadata), @"^Version:\s*(\S+)", RegexOptions.Multiline);
                if (m.Success) return m.Groups[1].Value;
            }
        }

        var package = Path.Combine(sitePackages, "conda_build");
        var versionPy = Path.Combine(package, "_version.py");
        if (File.Exists(versionPy))
        {
            var text = File.ReadAllText(versionPy);
            var m = Regex.Match(text, @"^(?:__version__\s*=\s*)?version\s*=\s*['""]([^'""]+)['""]", RegexOptions.Multiline);
            if (!m.Success) m = Regex.Match(text, @"""version""\s*:\s*""([^""]+)""");
            if (!m.Success) m = Regex.Match(text, @"^__version__\s*=\s*['""]([^'""]+)['""]", RegexOptions.Multiline);
            if (m.Success) return m.Groups[1].Value;
        }

        var init = Path.Combine(package, "__init__.py");
        if (File.Exists(init))
        {
            var m = Regex.Match(File.ReadAllText(init), @"^__version__\s*=\s*['""]([^'""]+)['""]", RegexOptions.Multiline);
            if (m.Success) return m.Groups[1].Value;
        }
        return UnknownVersion;
    }

    private static int PythonMinor(string directoryName) =>
        int.TryParse(directoryName.AsSpan("python3.".Length), out var minor) && directoryName.StartsWith("python3.") ? minor : -1;
}
