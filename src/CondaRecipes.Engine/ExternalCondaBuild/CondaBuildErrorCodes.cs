namespace CondaRecipes.ExternalCondaBuild;

/// <summary>
/// Error codes of the external conda-build driver (range CR7000–CR7999). Grouped by stage so a code
/// tells the user which step failed: finding tools (CR70xx), creating the conda-build environment
/// (CR71xx), patching conda-build (CR72xx), running conda-build (CR73xx).
/// </summary>
public static class CondaBuildErrorCodes
{
    /// <summary>The conda/mamba/micromamba path given in the settings does not exist or is not executable.</summary>
    public const string ExplicitToolNotUsable = "CR7001";

    /// <summary>None of conda, mamba, micromamba was found on PATH.</summary>
    public const string NoCondaToolFound = "CR7002";

    /// <summary>The preference list names no tool, or the explicit tool's kind cannot be told from its name.</summary>
    public const string BadToolSettings = "CR7003";

    /// <summary>The environment file for the conda-build environment does not exist.</summary>
    public const string EnvironmentFileMissing = "CR7101";

    /// <summary><c>conda env create</c> (or the mamba/micromamba equivalent) failed.</summary>
    public const string EnvironmentCreateFailed = "CR7102";

    /// <summary>The target directory exists, is not a conda environment and is not empty: it is not removed.</summary>
    public const string RefusingToReplaceDirectory = "CR7103";

    /// <summary>The environment was created but contains no conda-build executable.</summary>
    public const string CondaBuildMissingAfterCreate = "CR7104";

    /// <summary>No <c>site-packages/conda_build/post.py</c> in the environment.</summary>
    public const string PostPyNotFound = "CR7201";

    /// <summary>post.py does not have the shape the patch knows (a function, branch or call site is missing or changed).</summary>
    public const string PostPyShapeNotRecognised = "CR7202";

    /// <summary>The patched post.py did not compile or did not show every change after writing; the original was restored.</summary>
    public const string PostPyPatchVerificationFailed = "CR7203";

    /// <summary>The conda-build executable does not exist (not bootstrapped, not on PATH).</summary>
    public const string CondaBuildNotFound = "CR7301";

    /// <summary>The solver could not satisfy the recipe's requirements (UnsatisfiableError, ResolvePackageNotFound, ...).</summary>
    public const string SolverFailed = "CR7302";

    /// <summary>conda-build failed for another reason, usually the recipe's build script.</summary>
    public const string BuildFailed = "CR7303";

    /// <summary><c>conda-build --output</c> failed or printed no package file name.</summary>
    public const string OutputNameFailed = "CR7304";
}
