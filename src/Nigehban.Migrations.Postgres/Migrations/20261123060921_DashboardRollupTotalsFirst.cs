using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DashboardRollupTotalsFirst : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_dashboard_rollups",
                table: "dashboard_rollups");

            migrationBuilder.AddPrimaryKey(
                name: "PK_dashboard_rollups",
                table: "dashboard_rollups",
                columns: new[] { "unit_code", "period", "dimension", "period_start", "metric" });

            migrationBuilder.CreateIndex(
                name: "ix_dashboard_rollups_breakdown",
                table: "dashboard_rollups",
                columns: new[] { "unit_code", "metric", "period_start" },
                filter: "period = 1 AND dimension <> ''");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_dashboard_rollups",
                table: "dashboard_rollups");

            migrationBuilder.DropIndex(
                name: "ix_dashboard_rollups_breakdown",
                table: "dashboard_rollups");

            migrationBuilder.AddPrimaryKey(
                name: "PK_dashboard_rollups",
                table: "dashboard_rollups",
                columns: new[] { "unit_code", "period", "period_start", "metric", "dimension" });
        }
    }
}
