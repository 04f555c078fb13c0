using CondaRecipes.Diagnostics;

namespace CondaRecipes.Recipes.V1;

/// <summary>
/// <c>source:</c> (one mapping or a list) onto the engine's <see cref="RecipeSource"/>: <c>url</c> (one or
/// mirrors) with <c>sha256</c>/<c>md5</c>/<c>file_name</c>, <c>git</c> with <c>rev</c>/<c>tag</c>/<c>branch</c>
/// and <c>depth</c>, <c>path</c>; <c>target_directory</c> and <c>patches</c> for any kind.
/// </summary>
internal static class V1SourceReader
{
    private static readonly string[] Known =
        ["url", "sha256", "md5", "file_name", "target_directory", "patches", "git", "rev", "tag", "branch", "depth", "lfs", "path",
         "use_gitignore", "filter", "expected_commit"];

    public static IReadOnlyList<RecipeSource> Read(V1Node? node, string file)
    {
        var items = node switch
        {
            null => [],
            V1Mapping m => [m],
            V1Sequence s => s.Items,
            _ => throw new CondaRecipesException(V1ErrorCodes.ValueInvalid, "source: must be a mapping or a list of mappings.", file, node.Line,
                "Write '- url: …' (or git:, path:) items."),
        };
        return items.Select(i => i as V1Mapping ?? throw new CondaRecipesException(V1ErrorCodes.ValueInvalid,
            "A source item is not a mapping.", file, i.Line, "Write 'url:', 'git:' or 'path:' with its keys.")).Select(One).ToList();
    }

    private static RecipeSource One(V1Mapping m)
    {
        V1Fields.CheckKeys(m, "source", Known);
        if (V1Fields.Bool(m, "lfs") == true)
            throw V1Fields.NotSupported(m, "lfs", "asks for git LFS objects", "Fetch the LFS objects in the build script, or use a url source.");
        if (m.Entry("expected_commit") is not null)
            throw V1Fields.NotSupported(m, "expected_commit", "asks to verify the checked-out commit", "Pin the commit itself with rev:.");
        if (m.Entry("filter") is not null)
            throw V1Fields.NotSupported(m, "filter", "filters a path source", "Remove filter; the whole folder is copied.");
        int kinds = new[] { "url", "git", "path" }.Count(k => m.Entry(k) is not null);
        if (kinds != 1)
            throw new CondaRecipesException(V1ErrorCodes.ValueInvalid,
                kinds == 0 ? "The source item has none of url, git and path." : "The source item has more than one of url, git and path.",
                m.File, m.Line, "Give exactly one of url:, git: or path: per item.");
        string? rev = V1Fields.String(m, "rev") ?? V1Fields.String(m, "tag") ?? V1Fields.String(m, "branch");
        return new RecipeSource
        {
            Urls = V1Fields.List(m, "url"),
            Sha256 = V1Fields.String(m, "sha256"),
            Md5 = V1Fields.String(m, "md5"),
            FileName = V1Fields.String(m, "file_name"),
            GitUrl = V1Fields.String(m, "git"),
            GitRev = rev,
            GitDepth = V1Fields.Int(m, "depth"),
            Path = V1Fields.String(m, "path"),
            Folder = V1Fields.String(m, "target_directory"),
            Patches = V1Fields.List(m, "patches"),
            Line = m.Line,
            RecipeFile = m.File,
        };
    }
}
