using CondaRecipes.Recipes.Matrix;

namespace CondaRecipes.Tests.Planning;

/// <summary>The one text form of variant variables across MSBuild: value lists and the Variables metadata.</summary>
public class VariableCodecTests
{
    private static readonly string[] Awkward =
        ["a|b", "x=y=z", "c;d", "e,f", "100%", "%41", "%", "sp ace", "\"q\" 'x'", "tab\there", "ünï€ode", "", "plain-4.0.3"];

    [Test]
    public void Variables_round_trip_with_every_separator_in_names_and_values()
    {
        var variables = Awkward.Select((v, i) => KeyValuePair.Create($"V{i}{(i % 3 == 0 ? "|=;" : "")}", v)).ToList();
        var encoded = VariableCodec.EncodeVariables(variables);
        Assert.That(VariableCodec.DecodeVariables(encoded), Is.EqualTo(variables));
    }

    [Test]
    public void Plain_values_are_written_as_they_are()
    {
        Assert.That(VariableCodec.EncodeVariables([KeyValuePair.Create("MPI4PY_VERSION", "4.0.3"), KeyValuePair.Create("CUDA", "12.4")]),
            Is.EqualTo("MPI4PY_VERSION=4.0.3|CUDA=12.4"));
    }

    [Test]
    public void A_list_element_escaped_by_the_codec_is_one_value_again()
    {
        foreach (var value in Awkward.Where(v => v.Trim().Length > 0 && v.Trim() == v))
            Assert.That(VariableCodec.SplitValues(VariableCodec.Escape(value)), Is.EqualTo(new[] { value }), value);
    }

    [Test]
    public void Lists_split_on_semicolons_and_commas_and_unescape_each_element()
    {
        Assert.That(VariableCodec.SplitValues(" 4.0.3; 3.1.6 ,a%3Bb,, c%2Cd%25 "), Is.EqualTo(new[] { "4.0.3", "3.1.6", "a;b", "c,d%" }));
    }

    [Test]
    public void A_percent_without_two_hex_digits_stays_as_written()
    {
        Assert.That(VariableCodec.Unescape("50%"), Is.EqualTo("50%"));
        Assert.That(VariableCodec.Unescape("%zz%4"), Is.EqualTo("%zz%4"));
        Assert.That(VariableCodec.Unescape("%C3%BC"), Is.EqualTo("ü"));
    }
}
