namespace Monolith.Binlog.Statements;

/// <summary>What a QUERY event's statement does, as far as change capture cares.</summary>
public enum StatementKind : byte
{
    /// <summary>Anything else: statement-based DML, GRANT, CREATE VIEW, SET, ...</summary>
    Other = 0,

    /// <summary><c>BEGIN</c> or <c>START TRANSACTION</c>.</summary>
    Begin,

    /// <summary><c>COMMIT</c>.</summary>
    Commit,

    /// <summary><c>ROLLBACK</c> (not to a savepoint).</summary>
    Rollback,

    /// <summary><c>SAVEPOINT</c>, <c>ROLLBACK TO</c>, <c>RELEASE SAVEPOINT</c>: stay inside the transaction.</summary>
    Savepoint,

    /// <summary><c>XA START</c> / <c>XA BEGIN</c>.</summary>
    XaStart,

    /// <summary><c>XA END</c>.</summary>
    XaEnd,

    /// <summary><c>XA PREPARE</c>.</summary>
    XaPrepare,

    /// <summary><c>XA COMMIT</c> (with <c>ONE PHASE</c> it ends the open transaction).</summary>
    XaCommit,

    /// <summary><c>XA ROLLBACK</c>.</summary>
    XaRollback,

    /// <summary><c>CREATE TABLE</c>.</summary>
    CreateTable,

    /// <summary><c>ALTER TABLE</c>.</summary>
    AlterTable,

    /// <summary><c>DROP TABLE</c>.</summary>
    DropTable,

    /// <summary><c>RENAME TABLE</c>.</summary>
    RenameTable,

    /// <summary><c>TRUNCATE TABLE</c>.</summary>
    TruncateTable,

    /// <summary><c>CREATE INDEX</c>.</summary>
    CreateIndex,

    /// <summary><c>DROP INDEX</c>.</summary>
    DropIndex,

    /// <summary><c>CREATE DATABASE</c> / <c>CREATE SCHEMA</c>.</summary>
    CreateDatabase,

    /// <summary><c>ALTER DATABASE</c> / <c>ALTER SCHEMA</c>.</summary>
    AlterDatabase,

    /// <summary><c>DROP DATABASE</c> / <c>DROP SCHEMA</c>.</summary>
    DropDatabase,
}
