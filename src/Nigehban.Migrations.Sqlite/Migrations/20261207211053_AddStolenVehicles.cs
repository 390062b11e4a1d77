using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddStolenVehicles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_registration_alerts_RegistrationId",
                table: "registration_alerts");

            migrationBuilder.AddColumn<string>(
                name: "VehicleRegistration",
                table: "tenant_registrations",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VehicleRegistration",
                table: "registration_alerts",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VehicleRegistration",
                table: "hotel_stays",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "stolen_vehicles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegistrationNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    RegistrationKey = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ChassisNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    EngineNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Make = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Colour = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Loss = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LostPlace = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LostAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FirReference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecoveredPlace = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecoveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RecoveredBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    HandedOverTo = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    HandedOverAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HandedOverBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stolen_vehicles", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_registration_alerts_RegistrationId_Source",
                table: "registration_alerts",
                columns: new[] { "RegistrationId", "Source" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_stolen_vehicles_RegistrationKey_Status",
                table: "stolen_vehicles",
                columns: new[] { "RegistrationKey", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_stolen_vehicles_UnitPath_RecordedAt",
                table: "stolen_vehicles",
                columns: new[] { "UnitPath", "RecordedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stolen_vehicles");

            migrationBuilder.DropIndex(
                name: "IX_registration_alerts_RegistrationId_Source",
                table: "registration_alerts");

            migrationBuilder.DropColumn(
                name: "VehicleRegistration",
                table: "tenant_registrations");

            migrationBuilder.DropColumn(
                name: "VehicleRegistration",
                table: "registration_alerts");

            migrationBuilder.DropColumn(
                name: "VehicleRegistration",
                table: "hotel_stays");

            migrationBuilder.CreateIndex(
                name: "IX_registration_alerts_RegistrationId",
                table: "registration_alerts",
                column: "RegistrationId",
                unique: true);
        }
    }
}
