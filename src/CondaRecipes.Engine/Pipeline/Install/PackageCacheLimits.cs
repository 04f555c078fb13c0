using System.Globalization;
using System.Text.RegularExpressions;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Pipeline.Install;

/// <summary>
/// How large and how old the extracted-package cache may grow (CondaCacheMaxSize, CondaCacheMaxAgeDays):
/// entries unused for longer than <see cref="MaxAge"/> go, then the least recently used until the cache fits
/// <see cref="MaxBytes"/>. A null limit is no limit.
/// </summary>
public sealed partial record PackageCacheLimits(long? MaxBytes, TimeSpan? MaxAge)
{
    public const string DefaultMaxSize = "20GB";
    public const int DefaultMaxAgeDays = 30;

    /// <summary>Parses the two properties; an empty value is the default, <c>0</c> or <c>none</c> no limit.</summary>
    public static PackageCacheLimits Parse(string? maxSize, string? maxAgeDays, string? file = null)
    {
        long? bytes = ParseSize(string.IsNullOrWhiteSpace(maxSize) ? DefaultMaxSize : maxSize.Trim(), file);
        TimeSpan? age;
        var ageText = string.IsNullOrWhiteSpace(maxAgeDays) ? DefaultMaxAgeDays.ToString(CultureInfo.InvariantCulture) : maxAgeDays.Trim();
        if (ageText.Equals("none", StringComparison.OrdinalIgnoreCase)) age = null;
        else if (double.TryParse(ageText, NumberStyles.Float, CultureInfo.InvariantCulture, out var days) && days >= 0 && days <= 36500)
            age = days == 0 ? null : TimeSpan.FromDays(days);
        else
            throw new CondaRecipesException(PackageCacheErrorCodes.InvalidMaxAge,
                $"CondaCacheMaxAgeDays='{maxAgeDays}' is not a number of days.", file,
                hint: $"Give days as a number (e.g. 30 or 0.5), or 0/none for no age limit; the default is {DefaultMaxAgeDays}.");
        return new PackageCacheLimits(bytes, age);
    }

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)\s*(?<u>B|K|KB|KIB|M|MB|MIB|G|GB|GIB|T|TB|TIB)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SizeText();

    private static long? ParseSize(string text, string? file)
    {
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        var m = SizeText().Match(text);
        if (!m.Success || !double.TryParse(m.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            throw new CondaRecipesException(PackageCacheErrorCodes.InvalidMaxSize,
                $"CondaCacheMaxSize='{text}' is not a size.", file,
                hint: $"Give bytes or a size with a unit (500MB, 20GB, 1TB; powers of 1024), or 0/none for no size limit; the default is {DefaultMaxSize}.");
        var unit = m.Groups["u"].Success ? m.Groups["u"].Value.ToUpperInvariant()[0] : 'B';
        var factor = unit switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'T' => 1L << 40, _ => 1L };
        var bytes = n * factor;
        return bytes <= 0 ? null : bytes >= long.MaxValue ? long.MaxValue : (long)bytes;
    }
}
