using System.Diagnostics;
using CondaRecipes.Recipes;
using CondaRecipes.Recipes.Matrix;

namespace CondaRecipes.Benchmarks;

/// <summary>
/// Renders every variant of every project in recipes/ and samples/ (meta.yaml + Jinja + selectors → typed
/// recipe and file name), cold and warm. Goal: the whole matrix in under a second warm. conda-build cannot
/// be installed here, so there is no peer run; conda-build #5224 reports seconds per recipe.
/// </summary>
public sealed class RenderBenchmark : IBenchmark
{
    public string Name => "render";

    public void Run(string scratchDir, BenchmarkReport report)
    {
        RepositoryBuilds.EnsureSdkTasksBuilt();
        var contexts = new List<(string RecipeDir, RenderContext Context)>();
        foreach (var project in Directory.EnumerateFiles(Path.Combine(RepositoryBuilds.Root, "recipes"), "*.proj")
                     .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryBuilds.Root, "samples"), "*.proj")))
        {
            var (variants, site) = RepositoryBuilds.Matrix(project);
            foreach (var v in variants)
            {
                var vars = VariableCodec.DecodeVariables(v["Variables"]).ToDictionary(kv => kv.Key, kv => kv.Value);
                var env = new Dictionary<string, string>(site);
                foreach (var (k, val) in vars) env[k] = val;
                contexts.Add((v["RecipeDir"], new RenderContext
                {
                    Variables = vars, PythonVersion = v["PythonVersion"] == "" ? null : v["PythonVersion"], Environment = env,
                }));
            }
        }
        report.Add(Name, "variants in recipes/ and samples/", contexts.Count.ToString());

        var sw = Stopwatch.StartNew();
        foreach (var (dir, ctx) in contexts) RecipeRenderer.Render(dir, ctx);
        var cold = sw.Elapsed.TotalMilliseconds;
        report.Add(Name, "first pass (cold: JIT, parse, cache fill)", $"{cold:F0} ms");

        const int rounds = 20;
        sw.Restart();
        for (var i = 0; i < rounds; i++)
            foreach (var (dir, ctx) in contexts) RecipeRenderer.Render(dir, ctx);
        var warm = sw.Elapsed.TotalMilliseconds / rounds;
        report.Add(Name, "whole matrix, warm (mean of 20 passes)", $"{warm:F1} ms", "< 1000 ms", warm < 1000);
        report.Add(Name, "per variant, warm", $"{warm / contexts.Count:F2} ms");
        report.Add(Name, "peer (conda-build render)", "not installable here");
    }
}
