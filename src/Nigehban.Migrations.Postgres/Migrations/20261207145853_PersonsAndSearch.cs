using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Postgres.Migrations
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

            migrationBuilder.AlterColumn<string>(
                name: "NameKey",
                table: "person_records",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(120)",
                oldMaxLength: 120);

            migrationBuilder.AddColumn<int>(
                name: "BirthYear",
                table: "person_records",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "person_records",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "Description",
                table: "person_records",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoId",
                table: "person_records",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "person_records",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "person_history",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Court = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    On = table.Column<DateOnly>(type: "date", nullable: true),
                    FirReference = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ClosedReason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_lookups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "person_merges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SurvivorId = table.Column<Guid>(type: "uuid", nullable: false),
                    DuplicateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    MergedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MergedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UndoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UndoneBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    UndoReason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_merges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "person_names",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
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

            // Name search (ADR-058): a GIN trigram index over the names' keys, which serves LIKE '%…%'.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm");
            migrationBuilder.Sql("CREATE INDEX ix_person_names_key_trgm ON person_names USING gin (\"Key\" gin_trgm_ops)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_person_names_key_trgm");

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

            migrationBuilder.AlterColumn<string>(
                name: "NameKey",
                table: "person_records",
                type: "character varying(120)",
                maxLength: 120,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.CreateIndex(
                name: "IX_person_records_NationalId",
                table: "person_records",
                column: "NationalId");
        }
    }
}
