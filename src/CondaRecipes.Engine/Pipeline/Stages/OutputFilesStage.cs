using CondaRecipes.Pipeline.Collect;
using CondaRecipes.Pipeline.Environments;
using CondaRecipes.Pipeline.Outputs;
using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Stages;

/// <summary>
/// Makes one output's files: runs its script (with its own build and host requirements added) when it has
/// one, selects its files by conda-build's rules (<see cref="OutputFileSelection"/>), then relocates and
/// stages them for packaging.
/// </summary>
public static class OutputFilesStage
{
    /// <param name="built">The files the top-level build installed.</param>
    /// <param name="madeBefore">The files of the outputs made before this one, by output name.</param>
    /// <returns>The output's files (relative to the host prefix).</returns>
    public static async Task<IReadOnlyList<string>> RunAsync(VariantBuildRequest r, WorkLayout layout, RenderedOutput output,
        IReadOnlyList<string> built, IReadOnlyDictionary<string, IReadOnlyList<string>> madeBefore,
        PythonInterpreter? python, IBuildLog log, CancellationToken ct, Dependencies.ResolvedEnvironments? resolved = null)
    {
        IReadOnlyList<string> scripted = [];
        if (output.Output.HasScript)
        {
            await EnvironmentStage.AddOutputRequirementsAsync(r, layout, python, output.Output, log, ct);
            var before = PrefixSnapshot.Take(layout.HostPrefix);
            await ScriptStage.RunOutputAsync(r, layout, python, output, log, ct, resolved);
            scripted = CollectStage.NewFiles(layout, before);
        }
        var files = OutputFileSelection.Select(output.Output, built, scripted);
        // Outputs are made in dependency order, so a sibling this one runs with is already made.
        var runDependencyFiles = output.Recipe.Requirements.Run.Select(q => q.Name)
            .Where(name => name != output.Name && madeBefore.ContainsKey(name))
            .SelectMany(name => madeBefore[name]).ToHashSet(StringComparer.Ordinal);
        CollectStage.Run(r, layout, output, files, layout.StagingDirFor(output.Name), log, runDependencyFiles);
        return files;
    }
}
