namespace Monolith.Engine.Tests.Query;

public sealed class InformationSchemaTests
{
    private readonly ShopFixture _shop = new();

    [Fact]
    public void Tables_ListRollupsInSchemaDruid()
    {
        Assert.Equal(
            """[{"TABLE_SCHEMA":"druid","TABLE_NAME":"orders","TABLE_TYPE":"TABLE"}]""",
            _shop.Json("SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE " +
                "TABLE_SCHEMA = 'druid'"));
        Assert.Equal(
            """[{"TABLE_NAME":"COLUMNS"},{"TABLE_NAME":"SCHEMATA"},{"TABLE_NAME":"TABLES"}]""",
            _shop.Json(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'SYSTEM_TABLE' ORDER BY 1"));
    }

    [Fact]
    public void Columns_ShowDruidTypes()
    {
        Assert.Equal(
            """[{"COLUMN_NAME":"__time","DATA_TYPE":"TIMESTAMP","IS_NULLABLE":"NO","ORDINAL_POSITION":1},""" +
            """{"COLUMN_NAME":"status","DATA_TYPE":"VARCHAR","IS_NULLABLE":"YES","ORDINAL_POSITION":2},""" +
            """{"COLUMN_NAME":"country","DATA_TYPE":"VARCHAR","IS_NULLABLE":"YES","ORDINAL_POSITION":3},""" +
            """{"COLUMN_NAME":"orders","DATA_TYPE":"BIGINT","IS_NULLABLE":"NO","ORDINAL_POSITION":4},""" +
            """{"COLUMN_NAME":"revenue","DATA_TYPE":"DECIMAL","IS_NULLABLE":"YES","ORDINAL_POSITION":5},""" +
            """{"COLUMN_NAME":"min_total","DATA_TYPE":"DECIMAL","IS_NULLABLE":"YES","ORDINAL_POSITION":6},""" +
            """{"COLUMN_NAME":"max_total","DATA_TYPE":"DECIMAL","IS_NULLABLE":"YES","ORDINAL_POSITION":7},""" +
            """{"COLUMN_NAME":"avg_total","DATA_TYPE":"DOUBLE","IS_NULLABLE":"YES","ORDINAL_POSITION":8},""" +
            """{"COLUMN_NAME":"users","DATA_TYPE":"BIGINT","IS_NULLABLE":"NO","ORDINAL_POSITION":9},""" +
            """{"COLUMN_NAME":"approx_users","DATA_TYPE":"BIGINT","IS_NULLABLE":"NO","ORDINAL_POSITION":10},""" +
            """{"COLUMN_NAME":"items","DATA_TYPE":"BIGINT","IS_NULLABLE":"YES","ORDINAL_POSITION":11},""" +
            """{"COLUMN_NAME":"median_total","DATA_TYPE":"DOUBLE","IS_NULLABLE":"YES","ORDINAL_POSITION":12}]""",
            _shop.Json("SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE, ORDINAL_POSITION FROM INFORMATION_SCHEMA.COLUMNS " +
                       "WHERE TABLE_NAME = 'orders' ORDER BY ORDINAL_POSITION"));
        Assert.Equal(
            """[{"NUMERIC_PRECISION":38,"NUMERIC_SCALE":2,"JDBC_TYPE":3}]""",
            _shop.Json("SELECT NUMERIC_PRECISION, NUMERIC_SCALE, JDBC_TYPE FROM INFORMATION_SCHEMA.COLUMNS " +
                       "WHERE TABLE_NAME = 'orders' AND COLUMN_NAME = 'revenue'"));
    }

    [Fact]
    public void Schemata_ListDruidAndInformationSchema()
    {
        Assert.Equal("""[{"SCHEMA_NAME":"INFORMATION_SCHEMA"},{"SCHEMA_NAME":"druid"}]""",
            _shop.Json("SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA ORDER BY SCHEMA_NAME"));
    }

    [Fact]
    public void Aggregates_AreRefusedOverInformationSchema()
    {
        var error = Assert.Throws<Monolith.Engine.Query.QueryException>(() =>
            _shop.Json("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"));
        Assert.Equal("aggregates are not supported over INFORMATION_SCHEMA.TABLES at line 1, column 8", error.Message);
    }
}
