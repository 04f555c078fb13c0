using System.Globalization;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Channels.Specs;

/// <summary>
/// A build-number constraint from <c>[build_number=…]</c>: a number (equality) or an operator
/// (<c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>) and a number, e.g. <c>&gt;=1000</c>
/// to select the site builds.
/// </summary>
public sealed class BuildNumberSpec
{
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "<", ">", "="];

    private BuildNumberSpec(string op, long number)
    {
        Operator = op;
        Number = number;
    }

    /// <summary><c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c> or <c>&gt;=</c>.</summary>
    public string Operator { get; }

    public long Number { get; }

    public bool Matches(long buildNumber) => Operator switch
    {
        "==" => buildNumber == Number,
        "!=" => buildNumber != Number,
        "<" => buildNumber < Number,
        "<=" => buildNumber <= Number,
        ">" => buildNumber > Number,
        _ => buildNumber >= Number,
    };

    /// <summary>The plain number for equality, otherwise operator and number.</summary>
    public override string ToString() => Operator == "==" ? Number.ToString(CultureInfo.InvariantCulture) : $"{Operator}{Number}";

    public static BuildNumberSpec Parse(string text)
    {
        var s = (text ?? "").Trim();
        var op = Operators.FirstOrDefault(o => s.StartsWith(o, StringComparison.Ordinal)) ?? "==";
        var digits = s.StartsWith(op, StringComparison.Ordinal) ? s[op.Length..].Trim() : s;
        if (op == "=") op = "==";
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw new CondaRecipesException(ChannelErrorCodes.InvalidBuildNumberSpec,
                $"Invalid build number constraint '{text}'.",
                hint: "Write a number (1000) or an operator and a number (>=1000, <1, !=0).");
        return new BuildNumberSpec(op, n);
    }
}
