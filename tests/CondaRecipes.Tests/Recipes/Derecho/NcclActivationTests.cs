using System.Text;
using CliWrap;
using CliWrap.Buffered;
using CondaRecipes.Tests.Sdk;

namespace CondaRecipes.Tests.Recipes.Derecho;

/// <summary>
/// The nccl package's activate.d/deactivate.d scripts, generated for real by the recipe's gen-activate.sh from
/// derecho-nccl-aws-ofi.cfg, exactly as its build.sh does.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class NcclActivationTests
{
    private static readonly string RecipeDir = Path.Combine(RepoPaths.Root, "recipes", "nccl-ofi-plugin");
    private static readonly string Config = Path.Combine(RecipeDir, "derecho-nccl-aws-ofi.cfg");

    private static BufferedCommandResult Run(string shell, string script, string workDir) =>
        Cli.Wrap(shell).WithArguments(["-c", script]).WithWorkingDirectory(workDir)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(Encoding.UTF8).GetAwaiter().GetResult();

    private static string Generate(string dir)
    {
        var etc = Path.Combine(dir, "etc", "conda");
        var r = Run("bash", $"bash '{RecipeDir}/gen-activate.sh' '{Config}' nccl '{etc}'", dir);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.StandardError);
        return etc;
    }

    /// <summary>The config read independently of the generator: NAME → value, or null for "unset NAME".</summary>
    private static Dictionary<string, string?> ReadConfig()
    {
        var result = new Dictionary<string, string?>();
        foreach (var raw in File.ReadAllLines(Config))
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith("unset ", StringComparison.Ordinal)) { result[line[6..].Trim()] = null; continue; }
            var (name, value) = (line[..line.IndexOf('=')], line[(line.IndexOf('=') + 1)..]);
            result[name] = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
        }
        return result;
    }

    [Test]
    public void Config_holds_the_Derecho_defaults()
    {
        var cfg = ReadConfig();
        Assert.That(cfg["NCCL_NET"], Is.EqualTo("AWS Libfabric"));
        Assert.That(cfg["NCCL_SOCKET_IFNAME"], Is.EqualTo("hsn"));
        Assert.That(cfg["FI_MR_CACHE_MONITOR"], Is.EqualTo("userfaultfd"));
        Assert.That(cfg["FI_CXI_DEFAULT_CQ_SIZE"], Is.EqualTo("131072"));
        Assert.That(cfg["MPICH_OFI_NIC_POLICY"], Is.EqualTo("GPU"));
        Assert.That(cfg, Does.ContainKey("CUDA_VISIBLE_DEVICES").WithValue(null));
    }

    [TestCase("bash")]
    [TestCase("sh")]
    public void Activate_then_deactivate_leaves_the_environment_as_it_was(string shell)
    {
        var dir = Directory.CreateTempSubdirectory("cr-nccl-act-").FullName;
        try
        {
            var etc = Generate(dir);
            var script = $"""
                set -eu
                export NCCL_DEBUG=INFO              # set before, changed by activation: must come back
                export CUDA_VISIBLE_DEVICES=0,1     # set before, unset by activation: must come back
                unset NCCL_NET || true              # unset before, set by activation: must be unset again
                env | grep -v '^_=' | sort > before.env
                . '{etc}/activate.d/nccl_activate.sh'
                env | grep -v '^_=' | sort > during.env
                . '{etc}/deactivate.d/nccl_deactivate.sh'
                env | grep -v '^_=' | sort > after.env
                """;
            var r = Run(shell, script, dir);
            Assert.That(r.ExitCode, Is.EqualTo(0), r.StandardError);

            var before = File.ReadAllLines(Path.Combine(dir, "before.env"));
            var during = File.ReadAllLines(Path.Combine(dir, "during.env"));
            var after = File.ReadAllLines(Path.Combine(dir, "after.env"));
            Assert.That(after, Is.EqualTo(before), "deactivate did not restore the environment");
            foreach (var (name, value) in ReadConfig())
                if (value is null)
                    Assert.That(during.Any(l => l.StartsWith(name + "=", StringComparison.Ordinal)), Is.False, $"{name} still set");
                else
                    Assert.That(during, Does.Contain($"{name}={value}"), $"activation did not set {name}");
            Assert.That(before, Does.Contain("NCCL_DEBUG=INFO").And.Contain("CUDA_VISIBLE_DEVICES=0,1"));
            Assert.That(before.Any(l => l.StartsWith("NCCL_NET=", StringComparison.Ordinal)), Is.False);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void Second_activation_keeps_the_first_saved_values()
    {
        // conda re-sources activate.d on stacked activations; the saved originals must survive that.
        var dir = Directory.CreateTempSubdirectory("cr-nccl-act-").FullName;
        try
        {
            var etc = Generate(dir);
            var r = Run("bash", $"""
                set -eu
                export NCCL_DEBUG=INFO
                . '{etc}/activate.d/nccl_activate.sh'
                . '{etc}/activate.d/nccl_activate.sh'
                . '{etc}/deactivate.d/nccl_deactivate.sh'
                echo "NCCL_DEBUG=$NCCL_DEBUG NCCL_NET=${"{"}NCCL_NET-unset{"}"}"
                """, dir);
            Assert.That(r.ExitCode, Is.EqualTo(0), r.StandardError);
            Assert.That(r.StandardOutput.Trim(), Is.EqualTo("NCCL_DEBUG=INFO NCCL_NET=unset"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestCase("nccl-ofi-plugin")]
    [TestCase("jaxlib")]
    public void Recipe_copy_of_the_generator_is_the_samples_generator(string recipe)
    {
        // Recipes are self-contained, so each carries a copy; below its two-line note it must not drift.
        var copy = File.ReadAllLines(Path.Combine(RepoPaths.Root, "recipes", recipe, "gen-activate.sh"));
        var sample = File.ReadAllLines(Path.Combine(RepoPaths.Root, "samples", "activate-env", "gen-activate.sh"));
        Assert.That(copy[1], Does.Contain("same generator as samples/activate-env/gen-activate.sh"));
        Assert.That(copy.Take(1).Concat(copy.Skip(3)), Is.EqualTo(sample));
    }
}
