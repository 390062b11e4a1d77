using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddEmployeeRegistrations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "employee_registrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EmployerName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    EmployerPhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    EmployeeName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    EmployeeFatherName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    EmployeeNationalId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EmployeePhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    VehicleRegistration = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RegisteredBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IdempotencyRequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_employee_registrations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_employee_registrations_EmployeeNationalId",
                table: "employee_registrations",
                column: "EmployeeNationalId");

            migrationBuilder.CreateIndex(
                name: "IX_employee_registrations_IdempotencyKey",
                table: "employee_registrations",
                column: "IdempotencyKey",
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_employee_registrations_UnitPath",
                table: "employee_registrations",
                column: "UnitPath");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "employee_registrations");
        }
    }
}
