using System.Xml;
using System.Xml.Linq;

namespace CondaRecipes.Diagnostics;

/// <summary>
/// Finds the line of an item declaration in a project file, so matrix errors point at the element the
/// user wrote. MSBuild does not hand item locations to tasks; reading the project XML again is cheap.
/// </summary>
public static class ProjectLineLocator
{
    /// <returns>The 1-based line, or 0 when the item is not declared in this file (e.g. imported).</returns>
    public static int Find(string? projectFile, string itemType, string include)
    {
        if (string.IsNullOrEmpty(projectFile) || !File.Exists(projectFile))
            return 0;
        try
        {
            var doc = XDocument.Load(projectFile, LoadOptions.SetLineInfo);
            var element = doc.Descendants()
                .FirstOrDefault(e => e.Name.LocalName == itemType &&
                    ((string?)e.Attribute("Include") ?? "").Split(';').Any(s => s.Trim() == include))
                ?? doc.Descendants().FirstOrDefault(e => e.Name.LocalName == itemType);
            return element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
        }
        catch (XmlException)
        {
            return 0;
        }
    }
}
