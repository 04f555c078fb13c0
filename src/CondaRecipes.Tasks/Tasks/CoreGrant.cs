using CondaRecipes.Planning;
using Microsoft.Build.Framework;

namespace CondaRecipes.Tasks;

/// <summary>
/// The cores one variant builds with (its CPU_COUNT), held from MSBuild's core budget while it builds. The budget is
/// shared by every node and core-aware task, so asking for the variant's share (<see cref="CpuShare"/>) keeps
/// concurrent builds within the machine; disposing returns the grant. A fixed CondaCpuCount asks for nothing.
/// </summary>
internal sealed class CoreGrant : IDisposable
{
    private readonly IBuildEngine9? _engine;

    private CoreGrant(IBuildEngine9? engine, int cores, string source)
    {
        _engine = engine;
        Cores = cores;
        Source = source;
    }

    public int Cores { get; }

    /// <summary>Where the count came from, for the variant's log.</summary>
    public string Source { get; }

    public static CoreGrant Request(IBuildEngine buildEngine, CoreRequest request)
    {
        if (CpuShare.ParseOverride(request.CpuCount, request.ProjectFile) is { } fixedCount)
            return new CoreGrant(null, fixedCount, "CondaCpuCount");
        var budget = CpuShare.Budget(VariantTaskBase.ProcessEnvironment());
        var atOnce = CpuShare.BuildsAtOnce(request.NodeCount, request.VariantCountFile);
        var share = CpuShare.FairShare(budget, atOnce);
        var engine = buildEngine as IBuildEngine9;
        return new CoreGrant(engine, Granted(engine, share), $"a share of {budget} cores among up to {atOnce} builds at once");
    }

    /// <summary>The cores MSBuild grants (at least one: the node's own), or the share itself where the host has no
    /// core budget (an out-of-process task host of an older MSBuild answers NotImplementedException).</summary>
    private static int Granted(IBuildEngine9? engine, int share)
    {
        if (engine is null) return share;
        try { return engine.RequestCores(share); }
        catch (NotImplementedException) { return share; }
    }

    public void Dispose()
    {
        if (_engine is null || Cores <= 0) return;
        try { _engine.ReleaseCores(Cores); }
        catch (NotImplementedException) { }
    }
}

/// <summary>
/// What a variant's share of the cores is computed from: CondaCpuCount (empty to share), the project (for its errors),
/// MSBuild's node count (-m:N) and the file where the outer build wrote how many variants it builds.
/// </summary>
internal sealed record CoreRequest(string CpuCount, string ProjectFile, int NodeCount, string VariantCountFile);
