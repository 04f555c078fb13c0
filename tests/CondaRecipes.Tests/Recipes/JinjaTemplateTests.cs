using CondaRecipes.Recipes.Jinja;

namespace CondaRecipes.Tests.Recipes;

/// <summary>The Jinja subset on its own: statements, expressions, filters, methods, whitespace control.</summary>
public class JinjaTemplateTests
{
    private static string Render(string template, Dictionary<string, object?>? globals = null)
    {
        var g = globals ?? [];
        var scope = new JinjaScope(n => g.TryGetValue(n, out var v) ? v : new JinjaUndefined(n));
        return TemplateRenderer.Render(ParsedTemplate.Parse(template), scope).Text;
    }

    [TestCase("{{ 'a' ~ 1 ~ none }}", "a1None")]
    [TestCase("{{ 1 + 2 * 3 }}|{{ 7 // 2 }}|{{ -7 // 2 }}|{{ 7 % 3 }}|{{ 7 / 2 }}|{{ 2 ** 10 }}", "7|3|-4|1|3.5|1024")]
    [TestCase("{{ 1.0 }} {{ 0.1 + 0.2 }} {{ true }} {{ [1, 'a'] }}", "1.0 0.30000000000000004 True [1, 'a']")]
    [TestCase("{{ '4.0.3'.split('.')[:2] | join('.') }}", "4.0")]
    [TestCase("{{ 'abcdef'[1:4] }}{{ 'abcdef'[::-1] }}{{ 'abcdef'[-2:] }}{{ [1,2,3,4][::2] }}", "bcdfedcbaef[1, 3]")]
    [TestCase("{{ 'mpi4py'[0] }}{{ 'mpi4py'[-1] }}", "my")]
    [TestCase("{{ ' X-y '.strip().lower().replace('-', '_') }}|{{ 'a b  c'.split() }}|{{ 'a.b.c'.rsplit('.', 1) }}", "x_y|['a', 'b', 'c']|['a.b', 'c']")]
    [TestCase("{{ 'abc'.upper() }}{{ 'abc'.startswith('ab') }}{{ 'abc'.endswith(('x', 'c')) }}{{ '-'.join(['a', 'b']) }}", "ABCTrueTruea-b")]
    [TestCase("{{ 'Ab-C'|lower }}{{ 'ab'|upper }}{{ 'a-b'|replace('-', '_') }}{{ ' t '|trim }}{{ [1,2,3]|length }}{{ 'abc'|length }}", "ab-cABa_bt33")]
    [TestCase("{{ '12'|int + 1 }}{{ 'x'|int }}{{ '3.7'|int }}{{ 5|string ~ 'x' }}{{ [3, 4]|first }}{{ [3, 4]|last }}", "13035x34")]
    [TestCase("{{ nothing|default('dflt') }}{{ nothing|d('d2') }}{{ ''|default('e', true) }}{{ 'v'|default('no') }}", "dfltd2ev")]
    [TestCase("{{ 1 < 2 <= 2 }}{{ 'a' in 'cat' }}{{ 3 not in [1, 2] }}{{ not (1 == 1) }}{{ 1 != 1.0 }}", "TrueTrueTrueFalseFalse")]
    [TestCase("{{ nothing is defined }}{{ nothing is not defined }}{{ none is none }}{{ 1 is not none }}", "FalseTrueTrueTrue")]
    [TestCase("{{ 0 or 'x' }}{{ 1 and 'y' }}{{ 'a' if false else 'b' }}", "xyb")]
    [TestCase("{{ {'k': 'v'}.get('k') }}{{ {'k': 'v'}.get('z', 'dz') }}{{ {'k': 'v'}['k'] }}{{ {'k': 'v'}.k }}", "vdzvv")]
    public void Expressions_follow_python_and_jinja_semantics(string template, string expected)
    {
        Assert.That(Render(template), Is.EqualTo(expected));
    }

    [Test]
    public void Set_if_elif_else_for_and_comments()
    {
        const string template =
            "{# a comment #}{% set v = '3.1.6' %}{% set major, minor = v.split('.')[:2] %}" +
            "{% if major|int >= 4 %}new{% elif minor == '1' %}old{% else %}other{% endif %}\n" +
            "{% for p in ['a', 'b', 'c'] if p != 'b' %}{{ loop.index }}{{ p }}{% if not loop.last %},{% endif %}{% endfor %}\n" +
            "{% for x in [] %}never{% else %}empty{% endfor %}";
        Assert.That(Render(template), Is.EqualTo("old\n1a,2c\nempty"));
    }

    [Test]
    public void Set_inside_a_loop_does_not_leak_out()
    {
        Assert.That(Render("{% set x = 1 %}{% for i in [1, 2] %}{% set x = i %}{% endfor %}{{ x }}"), Is.EqualTo("1"));
    }

    [Test]
    public void Whitespace_control_strips_newlines_around_tags()
    {
        const string template = "a:\n  {%- if true %}\n  - x\n  {%- endif %}\nb: {{- ' 1' -}}  \n  c";
        Assert.That(Render(template), Is.EqualTo("a:\n  - x\nb: 1c"));
    }

    [Test]
    public void Environ_get_returns_value_default_or_none()
    {
        var env = new JinjaEnviron(new Dictionary<string, string> { ["A"] = "1" });
        var globals = new Dictionary<string, object?> { ["environ"] = env };
        Assert.That(Render("{{ environ.get('A') }}{{ environ.get('B', 'b') }}{{ environ.get('B') is none }}{{ environ['A'] }}{{ 'A' in environ }}", globals),
            Is.EqualTo("1bTrue1True"));
    }

    [Test]
    public void Line_map_points_each_rendered_line_to_its_template_line()
    {
        const string template = "{% set xs = ['a', 'b'] %}\nl2\n{% for x in xs %}\n- {{ x }}\n{% endfor %}\nl6\n{{ 'x\\ny' }}\nl8";
        var output = TemplateRenderer.Render(ParsedTemplate.Parse(template), new JinjaScope(n => new JinjaUndefined(n)));
        var lines = output.Text.Split('\n');
        var map = new CondaRecipes.Recipes.LineMap(output.LineSources);
        int Source(string text) => map.ToTemplateLine(Array.IndexOf(lines, text) + 1);
        Assert.That(output.Text, Is.EqualTo("\nl2\n\n- a\n\n- b\n\nl6\nx\ny\nl8"));
        Assert.That(Source("l2"), Is.EqualTo(2));
        Assert.That(Source("- a"), Is.EqualTo(4));
        Assert.That(Source("- b"), Is.EqualTo(4));
        Assert.That(Source("l6"), Is.EqualTo(6));
        Assert.That(Source("y"), Is.EqualTo(7), "the second line of a multi-line value comes from the expression's line");
        Assert.That(Source("l8"), Is.EqualTo(8));
    }

    [Test]
    public void Parsed_template_lists_names_environ_keys_and_called_functions()
    {
        var parsed = ParsedTemplate.Parse(
            "{% if FOO %}{{ bar|lower }}{% endif %}{{ environ.get('E1', 'x') }}{{ os.environ.get('E2') }}{{ environ['E3'] }}{{ compiler('c') }}");
        Assert.That(parsed.ReferencedNames, Is.SupersetOf(new[] { "FOO", "bar", "environ", "os", "compiler" }));
        Assert.That(parsed.EnvironmentKeys, Is.EquivalentTo(new[] { "E1", "E2", "E3" }));
        Assert.That(parsed.CalledFunctions, Does.Contain("compiler('c')"));
    }
}
