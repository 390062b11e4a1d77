using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PersonsAndSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_person_records_NationalId",
                table: "person_records");

            migrationBuilder.AddColumn<int>(
                name: "BirthYear",
                table: "person_records",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CreatedAt",
                table: "person_records",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Description",
                table: "person_records",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoId",
                table: "person_records",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "person_records",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "person_history",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Court = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FirReference = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClosedReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_history", x => x.Id);
                    table.ForeignKey(
                        name: "FK_person_history_person_records_PersonId",
                        column: x => x.PersonId,
                        principalTable: "person_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "person_lookups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_lookups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "person_merges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurvivorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DuplicateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    MergedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MergedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UndoneAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UndoneBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    UndoReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_merges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "person_names",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_names", x => x.Id);
                    table.ForeignKey(
                        name: "FK_person_names_person_records_PersonId",
                        column: x => x.PersonId,
                        principalTable: "person_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_person_records_MergedIntoId",
                table: "person_records",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_person_records_NationalId",
                table: "person_records",
                column: "NationalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_person_records_Phone",
                table: "person_records",
                column: "Phone");

            migrationBuilder.CreateIndex(
                name: "IX_person_history_PersonId",
                table: "person_history",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_person_lookups_PersonId_At",
                table: "person_lookups",
                columns: new[] { "PersonId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_person_merges_DuplicateId",
                table: "person_merges",
                column: "DuplicateId");

            migrationBuilder.CreateIndex(
                name: "IX_person_merges_SurvivorId",
                table: "person_merges",
                column: "SurvivorId");

            migrationBuilder.CreateIndex(
                name: "IX_person_names_PersonId",
                table: "person_names",
                column: "PersonId");

            // Name search (ADR-058): an FTS5 trigram table over the names' keys, which answers LIKE '%…%' from its index,
            // kept in step with person_names by triggers (EF does not know the table).
            migrationBuilder.Sql("CREATE VIRTUAL TABLE person_name_search USING fts5(key, name_id UNINDEXED, person_id UNINDEXED, kind UNINDEXED, tokenize = 'trigram')");
            migrationBuilder.Sql("INSERT INTO person_name_search (key, name_id, person_id, kind) SELECT \"Key\", \"Id\", \"PersonId\", \"Kind\" FROM person_names");
            migrationBuilder.Sql("""
                CREATE TRIGGER person_names_search_insert AFTER INSERT ON person_names BEGIN
                  INSERT INTO person_name_search (key, name_id, person_id, kind) VALUES (new."Key", new."Id", new."PersonId", new."Kind");
                END
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER person_names_search_update AFTER UPDATE ON person_names BEGIN
                  DELETE FROM person_name_search WHERE name_id = old."Id";
                  INSERT INTO person_name_search (key, name_id, person_id, kind) VALUES (new."Key", new."Id", new."PersonId", new."Kind");
                END
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER person_names_search_delete AFTER DELETE ON person_names BEGIN
                  DELETE FROM person_name_search WHERE name_id = old."Id";
                END
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS person_names_search_insert");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS person_names_search_update");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS person_names_search_delete");
            migrationBuilder.Sql("DROP TABLE IF EXISTS person_name_search");

            migrationBuilder.DropTable(
                name: "person_history");

            migrationBuilder.DropTable(
                name: "person_lookups");

            migrationBuilder.DropTable(
                name: "person_merges");

            migrationBuilder.DropTable(
                name: "person_names");

            migrationBuilder.DropIndex(
                name: "IX_person_records_MergedIntoId",
                table: "person_records");

            migrationBuilder.DropIndex(
                name: "IX_person_records_NationalId",
                table: "person_records");

            migrationBuilder.DropIndex(
                name: "IX_person_records_Phone",
                table: "person_records");

            migrationBuilder.DropColumn(
                name: "BirthYear",
                table: "person_records");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "person_records");

            migrationBuilder.DropColumn(
                name: "Description",
                table: "person_records");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "person_records");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "person_records");

            migrationBuilder.CreateIndex(
                name: "IX_person_records_NationalId",
                table: "person_records",
                column: "NationalId");
        }
    }
}
