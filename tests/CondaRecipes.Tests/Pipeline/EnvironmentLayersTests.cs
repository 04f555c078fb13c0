using CondaRecipes.Pipeline.Environments;

namespace CondaRecipes.Tests.Pipeline;

public class EnvironmentLayersTests
{
    [Test]
    public void Each_layer_overrides_the_one_before_and_a_bare_script_env_name_passes_through()
    {
        var env = EnvironmentLayers.Merge(
            started: new Dictionary<string, string> { ["A"] = "started", ["B"] = "started", ["C"] = "started", ["D"] = "started", ["KEEP"] = "k" },
            site: new Dictionary<string, string> { ["B"] = "site", ["C"] = "site", ["D"] = "site" },
            variant: new Dictionary<string, string> { ["C"] = "variant", ["D"] = "variant" },
            scriptEnv: ["D=script=env", "KEEP"]);
        Assert.That(env, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["A"] = "started", ["B"] = "site", ["C"] = "variant", ["D"] = "script=env", ["KEEP"] = "k",
        }));
    }
}
