using System.Globalization;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Planning;

/// <summary>
/// How many cores one variant's build may use (its <c>CPU_COUNT</c>, and the <c>make -j</c> a recipe derives
/// from it). Variants built at once share the machine, or the batch job's allocation: each gets an equal
/// share, so N concurrent variants never start N × all-cores compilers. <c>CondaCpuCount</c> overrides it.
/// </summary>
public static class CpuShare
{
    /// <summary>
    /// The cores this build may use in all: a batch job's allocation (Slurm's <c>SLURM_CPUS_PER_TASK</c>, or
    /// <c>SLURM_CPUS_ON_NODE</c> without one; PBS's <c>NCPUS</c>), else the cores this process may run on
    /// (.NET's count already honours CPU affinity and cgroup limits).
    /// </summary>
    public static int Budget(IReadOnlyDictionary<string, string> environment)
    {
        if (environment.ContainsKey("SLURM_JOB_ID"))
        {
            if (Positive(environment.GetValueOrDefault("SLURM_CPUS_PER_TASK")) is { } perTask) return perTask;
            if (Positive(environment.GetValueOrDefault("SLURM_CPUS_ON_NODE")) is { } onNode) return onNode;
        }
        if (environment.ContainsKey("PBS_JOBID") && Positive(environment.GetValueOrDefault("NCPUS")) is { } ncpus)
            return ncpus;
        return Environment.ProcessorCount;
    }

    /// <summary>One variant's share of <paramref name="budget"/> when up to <paramref name="concurrentBuilds"/>
    /// variants build at once (MSBuild's node count, <c>-m:N</c>); never less than one core.</summary>
    public static int FairShare(int budget, int concurrentBuilds) => Math.Max(1, budget / Math.Max(1, concurrentBuilds));

    /// <summary>
    /// How many variants build at once: MSBuild's node count (<c>dotnet build</c> makes it the machine's cores
    /// unless <c>-m:N</c> says otherwise), but no more than the variants the build has, which the outer build
    /// writes to <paramref name="variantCountFile"/>; unreadable (being rewritten, or a variant built alone), the
    /// node count alone.
    /// </summary>
    public static int BuildsAtOnce(int nodeCount, string? variantCountFile)
    {
        var nodes = Math.Max(1, nodeCount);
        try
        {
            return !string.IsNullOrEmpty(variantCountFile) && File.Exists(variantCountFile)
                && Positive(File.ReadAllText(variantCountFile).Trim()) is { } variants ? Math.Min(nodes, variants) : nodes;
        }
        catch (IOException)
        {
            return nodes;
        }
    }

    /// <summary>
    /// The <c>CondaCpuCount</c> property: empty for the shared default, else a whole number of cores ≥ 1.
    /// </summary>
    /// <exception cref="CondaRecipesException">CR8160 when the value is not a positive whole number.</exception>
    public static int? ParseOverride(string? value, string projectFile)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return Positive(value.Trim()) ?? throw new CondaRecipesException(PlanningErrorCodes.InvalidCpuCount,
            $"CondaCpuCount is '{value}', not a whole number of cores of at least 1.",
            file: projectFile, line: ProjectLineLocator.Find(projectFile, "CondaCpuCount", ""),
            hint: "Leave CondaCpuCount empty to share the machine's (or the batch job's) cores among the variants built at once, or give e.g. -p:CondaCpuCount=8.");
    }

    private static int? Positive(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : null;
}
