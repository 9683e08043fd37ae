using Monolith.Engine.Sql.Ast;

namespace Monolith.Engine.Enrichment.Joins;

/// <summary>
/// One JOIN of a rollup as written: the joined table, its alias, the kind, and the two sides of its ON equality,
/// told apart: <see cref="Key"/> names a column of the joined table (its primary key, checked once the schema is
/// known), <see cref="Source"/> a column of the fact table or of a table joined earlier.
/// </summary>
/// <param name="Join">The clause, for positions in messages.</param>
/// <param name="Database">The joined table's database: as written, else the fact table's (empty when neither
/// names one: any database).</param>
/// <param name="Table">The joined table's name.</param>
/// <param name="Alias">The name its columns are qualified with (the alias, else the table name).</param>
/// <param name="Key">The joined table's side of the ON equality.</param>
/// <param name="Source">The other side.</param>
/// <param name="SourceJoin">The index of the earlier join <see cref="Source"/> belongs to, or -1 for the fact
/// table.</param>
/// <param name="Columns">The joined table's columns the rollup names (qualified with <see cref="Alias"/>), with
/// the first place each is named.</param>
internal sealed record JoinedTable(
    SqlJoin Join,
    string Database,
    string Table,
    string Alias,
    SqlIdentifier Key,
    SqlIdentifier Source,
    int SourceJoin,
    IReadOnlyDictionary<string, SqlIdentifier> Columns)
{
    /// <summary>Whether facts without a matching row are left out (INNER) rather than counted under NULL.</summary>
    public bool IsInner => Join.Kind == SqlJoinKind.Inner;

    /// <summary>The table as <c>database.table</c>.</summary>
    public string QualifiedName => Database.Length == 0 ? Table : $"{Database}.{Table}";
}
