namespace CondaRecipes.Planning;

/// <summary>What the planner found for one variant before anything is built.</summary>
public enum VariantStatus
{
    /// <summary>Its packages are present, unchanged since they were built, from the same inputs: a build skips it.</summary>
    UpToDate,
    /// <summary>A package file it produces is not in the channel (or the variant was never built).</summary>
    Missing,
    /// <summary>Its packages are present but stale; <see cref="VariantPlan.Reason"/> says why (inputs changed, no stamp, file changed).</summary>
    OutOfDate,
    /// <summary>The recipe's <c>build/skip</c> is true for this variant: nothing is built.</summary>
    Skipped,
}

public static class VariantStatusText
{
    /// <summary>The words Plan and the build print (and the <c>Status</c> metadata of their items).</summary>
    public static string Text(this VariantStatus status) => status switch
    {
        VariantStatus.UpToDate => "up to date",
        VariantStatus.Missing => "missing",
        VariantStatus.OutOfDate => "out of date",
        VariantStatus.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
