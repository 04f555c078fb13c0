namespace CondaRecipes.Site;

/// <summary>Codes of a site's adoption: the source SDK, and wrapping existing recipe folders (CR84xx).</summary>
public static class SiteErrorCodes
{
    /// <summary>CondaRecipes.Sdk 0.0.0-source used outside a CondaRecipes checkout (raised by its Sdk.targets).</summary>
    public const string SourceSdkOutsideCheckout = "CR8400";

    /// <summary>The folder to wrap does not exist or holds no recipe folder (no meta.yaml nor recipe.yaml).</summary>
    public const string NoRecipeToWrap = "CR8401";

    /// <summary>A recipe to wrap could not be rendered to learn its packages and requirements.</summary>
    public const string WrapRenderFailed = "CR8402";

    /// <summary>A recipe project to write exists already, or two recipe folders would give the same project.</summary>
    public const string WrapProjectExists = "CR8403";

    /// <summary>The recipes require one another in a cycle: no build order exists.</summary>
    public const string WrapCycle = "CR8404";

    /// <summary>Two recipe folders produce a package of the same name: a requirement on it is ambiguous.</summary>
    public const string WrapAmbiguousPackage = "CR8405";
}
