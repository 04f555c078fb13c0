using CondaRecipes.Diagnostics;
using CondaRecipes.Packaging;

namespace CondaRecipes.Tests.Packaging;

/// <summary>has_prefix_files, binary_has_prefix_files, ignore_prefix_files, detect_binary_files_with_prefix and
/// no_link on a real tree scanned for its prefix.</summary>
public class PrefixFileRulesTests
{
    private string _root = "";
    private string _prefix = "";

    [SetUp]
    public void SetUp()
    {
        _root = Path.Combine(Path.GetTempPath(), "condarecipes-tests", "pfr-" + Guid.NewGuid().ToString("N"));
        _prefix = "/opt/build/_h_env_placehold_placehold";
        Write("etc/a.conf", $"root={_prefix}\n");
        Write("etc/b.conf", $"root={_prefix}/b\n");
        Write("lib/libx.so", $"\x7fELF\0\0{_prefix}/lib\0");
        Write("share/plain.txt", "nothing here\n");
    }

    [TearDown]
    public void TearDown()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private void Write(string rel, string text)
    {
        var path = Path.Combine(_root, rel);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private Dictionary<string, string> Modes(PrefixFileRules rules, IReadOnlySet<string>? noLink = null) =>
        rules.Apply(PathsScanner.Scan(_root, _prefix, noLink)).Where(p => p.FileMode is not null)
            .ToDictionary(p => p.Path, p => $"{p.FileMode}".ToLowerInvariant());

    [Test]
    public void By_default_every_file_with_the_prefix_is_rewritten_in_its_detected_mode()
    {
        Assert.That(Modes(new PrefixFileRules()), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["etc/a.conf"] = "text", ["etc/b.conf"] = "text", ["lib/libx.so"] = "binary",
        }));
    }

    [Test]
    public void Has_prefix_files_limits_text_files_to_the_list()
    {
        Assert.That(Modes(new PrefixFileRules { HasPrefixFiles = ["etc/a.conf"] }).Keys, Is.EquivalentTo(new[] { "etc/a.conf", "lib/libx.so" }));
    }

    [Test]
    public void Binary_has_prefix_files_forces_binary_mode_and_limits_binary_files()
    {
        var modes = Modes(new PrefixFileRules { BinaryHasPrefixFiles = ["etc/b.conf"] });
        Assert.That(modes, Is.EquivalentTo(new Dictionary<string, string> { ["etc/a.conf"] = "text", ["etc/b.conf"] = "binary" }));
    }

    [Test]
    public void Detect_binary_false_leaves_binary_files_alone()
    {
        Assert.That(Modes(new PrefixFileRules { DetectBinaryFiles = false }).Keys, Is.EquivalentTo(new[] { "etc/a.conf", "etc/b.conf" }));
    }

    [Test]
    public void Ignore_prefix_files_as_globs_or_true()
    {
        Assert.That(Modes(new PrefixFileRules { IgnorePrefixFiles = ["etc/*"] }).Keys, Is.EquivalentTo(new[] { "lib/libx.so" }));
        Assert.That(Modes(new PrefixFileRules { IgnoreAll = true }), Is.Empty);
    }

    [Test]
    public void A_listed_file_without_the_prefix_is_a_coded_error()
    {
        var e = Assert.Throws<CondaRecipesException>(() => Modes(new PrefixFileRules { HasPrefixFiles = ["share/plain.txt"] }))!;
        Assert.That(e.Code, Is.EqualTo(PackagingErrorCodes.PrefixFileWithoutPrefix));
        Assert.That(e.Message, Does.Contain("share/plain.txt"));
    }

    [Test]
    public void No_link_takes_globs()
    {
        var entries = PathsScanner.Scan(_root, _prefix, new HashSet<string> { "etc/*.conf" });
        Assert.That(entries.Where(p => p.NoLink).Select(p => p.Path), Is.EquivalentTo(new[] { "etc/a.conf", "etc/b.conf" }));
    }
}
