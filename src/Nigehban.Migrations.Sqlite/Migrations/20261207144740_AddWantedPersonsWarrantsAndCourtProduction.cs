using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddWantedPersonsWarrantsAndCourtProduction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CustodyOverdueAlertedAt",
                table: "fir_arrests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ProducedInCourtAt",
                table: "fir_arrests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "fir_wanted_persons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FirId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    FirNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    PartyPosition = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    FatherName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    FatherNameKey = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    NationalId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ProclaimedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Court = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ArrestedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ArrestedThrough = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fir_wanted_persons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fir_wanted_persons_firs_FirId",
                        column: x => x.FirId,
                        principalTable: "firs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fir_warrants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FirId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    PartyPosition = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Court = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExecutedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fir_warrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fir_warrants_firs_FirId",
                        column: x => x.FirId,
                        principalTable: "firs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_fir_arrests_ProduceBy",
                table: "fir_arrests",
                column: "ProduceBy",
                filter: "\"ProducedInCourtAt\" IS NULL AND \"CustodyOverdueAlertedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_fir_wanted_persons_FirId_PartyPosition",
                table: "fir_wanted_persons",
                columns: new[] { "FirId", "PartyPosition" },
                unique: true,
                filter: "\"Status\" = 'Wanted'");

            migrationBuilder.CreateIndex(
                name: "IX_fir_wanted_persons_NameKey_Status",
                table: "fir_wanted_persons",
                columns: new[] { "NameKey", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_fir_wanted_persons_NationalId_Status",
                table: "fir_wanted_persons",
                columns: new[] { "NationalId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_fir_wanted_persons_UnitPath_Status",
                table: "fir_wanted_persons",
                columns: new[] { "UnitPath", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_fir_warrants_FirId_Number",
                table: "fir_warrants",
                columns: new[] { "FirId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fir_wanted_persons");

            migrationBuilder.DropTable(
                name: "fir_warrants");

            migrationBuilder.DropIndex(
                name: "IX_fir_arrests_ProduceBy",
                table: "fir_arrests");

            migrationBuilder.DropColumn(
                name: "CustodyOverdueAlertedAt",
                table: "fir_arrests");

            migrationBuilder.DropColumn(
                name: "ProducedInCourtAt",
                table: "fir_arrests");
        }
    }
}
