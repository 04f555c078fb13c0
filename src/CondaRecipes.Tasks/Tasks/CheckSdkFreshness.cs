using Microsoft.Build.Framework;

namespace CondaRecipes.Tasks;

/// <summary>
/// In the SDK's own repository, warns when the SDK package a project resolved is older than the newest
/// change to the SDK's sources: MSBuild resolves `Sdk="CondaRecipes.Sdk"` from the package cache, which
/// only all.proj/samples.proj (and ./build.sh) refresh.
/// </summary>
public sealed class CheckSdkFreshness : CondaTaskBase
{
    /// <summary>The SDK's source folder (src/ of the repository).</summary>
    [Required] public string SourcesDir { get; set; } = "";

    /// <summary>The task assembly in use, standing for the package's age.</summary>
    [Required] public string TasksAssembly { get; set; } = "";

    protected override void ExecuteCore()
    {
        if (!Directory.Exists(SourcesDir) || !File.Exists(TasksAssembly))
            return;
        var packed = File.GetLastWriteTimeUtc(TasksAssembly);
        var newest = Directory.EnumerateFiles(SourcesDir, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: f, Time: File.GetLastWriteTimeUtc(f)))
            .MaxBy(x => x.Time);
        if (newest.File is not null && newest.Time > packed)
            LogCondaWarning(SdkErrorCodes.StaleSdkPackage,
                $"The CondaRecipes.Sdk package in use ({packed:u}) is older than {Path.GetRelativePath(SourcesDir, newest.File)} ({newest.Time:u}). " +
                "Run `dotnet build all.proj` or ./build.sh once: they repack the SDK from source.");
    }
}
