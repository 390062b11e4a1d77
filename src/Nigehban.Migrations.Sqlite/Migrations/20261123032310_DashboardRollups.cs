using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DashboardRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dashboard_rollups",
                columns: table => new
                {
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    period = table.Column<short>(type: "INTEGER", nullable: false),
                    period_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    metric = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    dimension = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false),
                    measure = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_rollups", x => new { x.unit_code, x.period, x.period_start, x.metric, x.dimension });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dashboard_rollups");
        }
    }
}
