namespace CondaRecipes.ExternalCondaBuild;

/// <summary>The exact argv that creates an environment at a path from an environment file, per tool.</summary>
public static class EnvironmentCreateCommand
{
    /// <summary>
    /// conda: <c>conda env create -p DIR -f YAML</c>; mamba: <c>mamba env create -p DIR -f YAML</c>;
    /// micromamba (which has no <c>env create</c> that takes a prefix the same way): <c>micromamba create -p DIR -f YAML -y</c>.
    /// </summary>
    public static IReadOnlyList<string> Arguments(CondaToolKind kind, string environmentDirectory, string environmentFile) =>
        kind switch
        {
            CondaToolKind.Conda or CondaToolKind.Mamba =>
                ["env", "create", "-p", environmentDirectory, "-f", environmentFile],
            CondaToolKind.Micromamba =>
                ["create", "-p", environmentDirectory, "-f", environmentFile, "-y"],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
}
