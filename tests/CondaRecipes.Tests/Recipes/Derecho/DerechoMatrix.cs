using System.Text.Json;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Recipes.Derecho;

/// <summary>One variant of a recipe project as MSBuild evaluated it, with the package file Plan reported.</summary>
public sealed record ProbedVariant(
    string Project,
    string RecipeDir,
    string? PythonVersion,
    IReadOnlyDictionary<string, string> Variables,
    IReadOnlyDictionary<string, string> SiteEnvironment,
    string PlannedFile)
{
    public override string ToString() =>
        $"{Project} {PythonVersion} {string.Join(" ", Variables.Select(kv => $"{kv.Key}={kv.Value}"))}";
}

/// <summary>
/// The whole Derecho matrix, read from the real recipe projects: recipes/ is copied into a throw-away
/// repository and one `dotnet build` (with the SDK packed from these sources) runs, in every recipe project,
/// the SDK's CondaExpandMatrix and Plan targets plus a probe target that reports each variant with the
/// CondaEnvironment items the project declares. Done once per label placement.
/// </summary>
public static class DerechoMatrix
{
    private static readonly Lazy<IReadOnlyList<ProbedVariant>> BuildPlacement = new(() => Probe("build"));
    private static readonly Lazy<IReadOnlyList<ProbedVariant>> VersionPlacement = new(() => Probe("version"));

    public static IReadOnlyList<ProbedVariant> For(string placement) =>
        placement == "version" ? VersionPlacement.Value : BuildPlacement.Value;

    private const string ProbeTargets = """
        <Project>
          <!-- Test probe: each variant of this project with the site environment the project declares. -->
          <Target Name="DerechoProbe" DependsOnTargets="CondaExpandMatrix" Returns="@(_DerechoProbed)">
            <PropertyGroup>
              <_DerechoEnvironment>@(CondaEnvironment->'%(Identity)=%(Value)', '|')</_DerechoEnvironment>
            </PropertyGroup>
            <ItemGroup>
              <_DerechoProbed Include="@(CondaVariantToBuild)">
                <ProjectName>$(MSBuildProjectName)</ProjectName>
                <RecipeDir>$(_CondaRecipeFullDir)</RecipeDir>
                <SiteEnvironment>$(_DerechoEnvironment)</SiteEnvironment>
              </_DerechoProbed>
            </ItemGroup>
          </Target>
        </Project>
        """;

    private const string ProbeProject = """
        <Project>
          <ItemGroup><RecipeProject Include="recipes/*.proj" /></ItemGroup>
          <Target Name="Probe">
            <MSBuild Projects="@(RecipeProject)" Targets="DerechoProbe" Properties="CustomAfterCondaRecipesTargets=$(MSBuildThisFileDirectory)probe.targets;CondaSiteLabelPlacement=$(Placement)">
              <Output TaskParameter="TargetOutputs" ItemName="ProbedVariant" />
            </MSBuild>
            <MSBuild Projects="@(RecipeProject)" Targets="Plan" Properties="CustomAfterCondaRecipesTargets=$(MSBuildThisFileDirectory)probe.targets;CondaSiteLabelPlacement=$(Placement)">
              <Output TaskParameter="TargetOutputs" ItemName="PlannedPackage" />
            </MSBuild>
          </Target>
        </Project>
        """;

    private static IReadOnlyList<ProbedVariant> Probe(string placement)
    {
        using var repo = new TestRepo();
        repo.CopyFromRepository("recipes");
        repo.Write("probe.targets", ProbeTargets);
        repo.Write("probe.proj", ProbeProject);
        var r = repo.Build("probe.proj", "-t:Probe", $"-p:Placement={placement}", "-getItem:ProbedVariant,PlannedPackage");
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"Probing the recipe projects failed:\n{r}");
        using var doc = JsonDocument.Parse(r.Output[r.Output.IndexOf('{')..]);
        var items = doc.RootElement.GetProperty("Items");

        var planned = items.GetProperty("PlannedPackage").EnumerateArray()
            .ToDictionary(p => (Path.GetFileNameWithoutExtension(p.GetProperty("MSBuildSourceProjectFile").GetString()!),
                                p.GetProperty("Variant").GetString()!),
                          p => Path.GetFileName(p.GetProperty("Identity").GetString()!));

        // The recipe folders are read from the repository itself: the copy is deleted with the repo.
        return items.GetProperty("ProbedVariant").EnumerateArray().Select(v =>
        {
            var project = v.GetProperty("ProjectName").GetString()!;
            var recipeDir = Path.Combine(RepoPaths.Root, "recipes",
                Path.GetRelativePath(repo.Path_("recipes"), v.GetProperty("RecipeDir").GetString()!));
            var python = v.GetProperty("PythonVersion").GetString();
            return new ProbedVariant(project, recipeDir, string.IsNullOrEmpty(python) ? null : python,
                Pairs(v.GetProperty("Variables").GetString()!), Pairs(v.GetProperty("SiteEnvironment").GetString()!),
                planned.TryGetValue((project, v.GetProperty("Identity").GetString()!), out var file) ? file : "");
        }).ToList();
    }

    private static Dictionary<string, string> Pairs(string text) =>
        text.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(kv => kv.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "", StringComparer.Ordinal);
}
