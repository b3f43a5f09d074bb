using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Training.Migrations
{
    /// <inheritdoc />
    internal partial class InitialTraining : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "training_card_types",
                columns: table => new
                {
                    key = table.Column<string>(maxLength: 60, nullable: false),
                    name_fi = table.Column<string>(maxLength: 200, nullable: false),
                    name_en = table.Column<string>(maxLength: 200, nullable: false),
                    validity_months = table.Column<int>(nullable: true),
                    authority = table.Column<string>(maxLength: 200, nullable: false),
                    active = table.Column<bool>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_card_types", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "training_employers",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    name = table.Column<string>(maxLength: 200, nullable: false),
                    business_id = table.Column<string>(maxLength: 9, nullable: false),
                    contact_subject_id = table.Column<Guid>(nullable: false),
                    employer_contact_name = table.Column<byte[]>(nullable: false),
                    employer_contact_email = table.Column<byte[]>(nullable: false),
                    contact_email_index = table.Column<byte[]>(nullable: false),
                    contact_restricted = table.Column<bool>(nullable: false),
                    einvoice_address = table.Column<string>(maxLength: 35, nullable: true),
                    einvoice_operator = table.Column<string>(maxLength: 35, nullable: true),
                    postal_address = table.Column<string>(maxLength: 300, nullable: true),
                    invoice_reference = table.Column<string>(maxLength: 70, nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    contract_ended_at = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_employers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "training_marketing_suppressions",
                columns: table => new
                {
                    email_index = table.Column<byte[]>(nullable: false),
                    via = table.Column<string>(maxLength: 40, nullable: false),
                    suppressed_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_marketing_suppressions", x => x.email_index);
                });

            migrationBuilder.CreateTable(
                name: "training_sign_in_links",
                columns: table => new
                {
                    token_hash = table.Column<byte[]>(nullable: false),
                    email_index = table.Column<byte[]>(nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    expires_at = table.Column<DateTime>(nullable: false),
                    used_at = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_sign_in_links", x => x.token_hash);
                });

            migrationBuilder.CreateTable(
                name: "training_trainees",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    subject_id = table.Column<Guid>(nullable: false),
                    first_name = table.Column<byte[]>(nullable: false),
                    last_name = table.Column<byte[]>(nullable: false),
                    hetu = table.Column<byte[]>(nullable: false),
                    hetu_index = table.Column<byte[]>(nullable: false),
                    email = table.Column<byte[]>(nullable: false),
                    email_index = table.Column<byte[]>(nullable: false),
                    phone = table.Column<byte[]>(nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    last_activity_at = table.Column<DateTime>(nullable: false),
                    restricted = table.Column<bool>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_trainees", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "training_campaigns",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    audience = table.Column<string>(maxLength: 20, nullable: false),
                    card_type_key = table.Column<string>(maxLength: 60, nullable: false),
                    within_days = table.Column<int>(nullable: true),
                    subject_fi = table.Column<string>(maxLength: 150, nullable: false),
                    subject_en = table.Column<string>(maxLength: 150, nullable: false),
                    body_fi = table.Column<string>(maxLength: 4000, nullable: false),
                    body_en = table.Column<string>(maxLength: 4000, nullable: false),
                    created_by = table.Column<string>(maxLength: 80, nullable: false),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_campaigns", x => x.id);
                    table.ForeignKey(
                        name: "FK_training_campaigns_training_card_types_card_type_key",
                        column: x => x.card_type_key,
                        principalTable: "training_card_types",
                        principalColumn: "key",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_courses",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    card_type_key = table.Column<string>(maxLength: 60, nullable: false),
                    name_fi = table.Column<string>(maxLength: 200, nullable: false),
                    name_en = table.Column<string>(maxLength: 200, nullable: false),
                    description_fi = table.Column<string>(maxLength: 2000, nullable: false),
                    description_en = table.Column<string>(maxLength: 2000, nullable: false),
                    price = table.Column<decimal>(precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(maxLength: 3, nullable: false),
                    hours = table.Column<decimal>(precision: 6, scale: 2, nullable: false),
                    active = table.Column<bool>(nullable: false),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_courses", x => x.id);
                    table.ForeignKey(
                        name: "FK_training_courses_training_card_types_card_type_key",
                        column: x => x.card_type_key,
                        principalTable: "training_card_types",
                        principalColumn: "key",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_certificates",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    trainee_id = table.Column<Guid>(nullable: false),
                    enrolment_id = table.Column<Guid>(nullable: false),
                    card_type_key = table.Column<string>(maxLength: 60, nullable: false),
                    number = table.Column<string>(maxLength: 40, nullable: false),
                    verification_code = table.Column<string>(maxLength: 40, nullable: false),
                    issued_on = table.Column<DateOnly>(nullable: false),
                    valid_to = table.Column<DateOnly>(nullable: true),
                    issued_by = table.Column<string>(maxLength: 80, nullable: false),
                    issued_at = table.Column<DateTime>(nullable: false),
                    reminder_sent_at = table.Column<DateTime>(nullable: true),
                    revoked_at = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_certificates", x => x.id);
                    table.ForeignKey(
                        name: "FK_training_certificates_training_card_types_card_type_key",
                        column: x => x.card_type_key,
                        principalTable: "training_card_types",
                        principalColumn: "key",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_training_certificates_training_trainees_trainee_id",
                        column: x => x.trainee_id,
                        principalTable: "training_trainees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "training_corrections",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    trainee_id = table.Column<Guid>(nullable: false),
                    enrolment_id = table.Column<Guid>(nullable: true),
                    field = table.Column<string>(maxLength: 40, nullable: false),
                    earlier_value = table.Column<byte[]>(nullable: true),
                    corrected_by = table.Column<string>(maxLength: 80, nullable: false),
                    corrected_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_corrections", x => x.id);
                    table.ForeignKey(
                        name: "FK_training_corrections_training_trainees_trainee_id",
                        column: x => x.trainee_id,
                        principalTable: "training_trainees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "training_campaign_recipients",
                columns: table => new
                {
                    campaign_id = table.Column<Guid>(nullable: false),
                    trainee_id = table.Column<Guid>(nullable: false),
                    id = table.Column<Guid>(nullable: false),
                    email_index = table.Column<byte[]>(nullable: false),
                    basis = table.Column<string>(maxLength: 16, nullable: false),
                    claimed_at = table.Column<DateTime>(nullable: false),
                    sent_at = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_campaign_recipients", x => new { x.campaign_id, x.trainee_id });
                    table.ForeignKey(
                        name: "FK_training_campaign_recipients_training_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "training_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "training_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    course_id = table.Column<Guid>(nullable: false),
                    starts_at = table.Column<DateTime>(nullable: false),
                    ends_at = table.Column<DateTime>(nullable: false),
                    place = table.Column<string>(maxLength: 300, nullable: false),
                    capacity = table.Column<int>(nullable: false),
                    seats_taken = table.Column<int>(nullable: false),
                    trainer_account = table.Column<string>(maxLength: 80, nullable: true),
                    cancelled_at = table.Column<DateTime>(nullable: true),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_sessions", x => x.id);
                    table.ForeignKey(
                        name: "FK_training_sessions_training_courses_course_id",
                        column: x => x.course_id,
                        principalTable: "training_courses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_enrolments",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    session_id = table.Column<Guid>(nullable: false),
                    trainee_id = table.Column<Guid>(nullable: false),
                    reference = table.Column<string>(maxLength: 20, nullable: false),
                    status = table.Column<string>(maxLength: 16, nullable: false),
                    source = table.Column<string>(maxLength: 16, nullable: false),
                    employer_id = table.Column<Guid>(nullable: true),
                    company_name = table.Column<byte[]>(nullable: true),
                    company_business_id = table.Column<string>(maxLength: 9, nullable: true),
                    position = table.Column<byte[]>(nullable: true),
                    marketing_consent = table.Column<bool>(nullable: false),
                    cancel_token_hash = table.Column<byte[]>(nullable: false),
                    submission_key = table.Column<string>(maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    cancelled_at = table.Column<DateTime>(nullable: true),
                    promoted_at = table.Column<DateTime>(nullable: true),
                    attended = table.Column<bool>(nullable: true),
                    attendance_recorded_by = table.Column<string>(maxLength: 80, nullable: true),
                    identity_checked_by = table.Column<string>(maxLength: 80, nullable: true),
                    identity_checked_at = table.Column<DateTime>(nullable: true),
                    identity_document = table.Column<string>(maxLength: 20, nullable: true),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_enrolments", x => x.id);
                    table.ForeignKey(
                        name: "FK_training_enrolments_training_sessions_session_id",
                        column: x => x.session_id,
                        principalTable: "training_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_training_enrolments_training_trainees_trainee_id",
                        column: x => x.trainee_id,
                        principalTable: "training_trainees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "training_invoices",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    employer_id = table.Column<Guid>(nullable: false),
                    session_id = table.Column<Guid>(nullable: false),
                    source_reference = table.Column<string>(maxLength: 100, nullable: false),
                    state = table.Column<string>(maxLength: 16, nullable: false),
                    billing_invoice_id = table.Column<Guid>(nullable: true),
                    number = table.Column<string>(maxLength: 20, nullable: true),
                    billing_payment_reference = table.Column<string>(maxLength: 30, nullable: true),
                    issued_on = table.Column<DateOnly>(nullable: true),
                    due_on = table.Column<DateOnly>(nullable: true),
                    total = table.Column<decimal>(precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(maxLength: 3, nullable: false),
                    problems = table.Column<string>(maxLength: 4000, nullable: true),
                    requested_by = table.Column<string>(maxLength: 80, nullable: false),
                    requested_at = table.Column<DateTime>(nullable: false),
                    answered_at = table.Column<DateTime>(nullable: true),
                    settled_on = table.Column<DateOnly>(nullable: true),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_invoices", x => x.id);
                    table.ForeignKey(
                        name: "FK_training_invoices_training_employers_employer_id",
                        column: x => x.employer_id,
                        principalTable: "training_employers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_training_invoices_training_sessions_session_id",
                        column: x => x.session_id,
                        principalTable: "training_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_exams",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    enrolment_id = table.Column<Guid>(nullable: false),
                    taken_on = table.Column<DateOnly>(nullable: false),
                    passed = table.Column<bool>(nullable: false),
                    exam_score = table.Column<byte[]>(nullable: true),
                    exam_answers = table.Column<byte[]>(nullable: true),
                    paper_content_type = table.Column<string>(maxLength: 60, nullable: true),
                    paper_size = table.Column<int>(nullable: true),
                    recorded_by = table.Column<string>(maxLength: 80, nullable: false),
                    recorded_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_exams", x => x.id);
                    table.ForeignKey(
                        name: "FK_training_exams_training_enrolments_enrolment_id",
                        column: x => x.enrolment_id,
                        principalTable: "training_enrolments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "training_invoice_participants",
                columns: table => new
                {
                    invoice_id = table.Column<Guid>(nullable: false),
                    enrolment_id = table.Column<Guid>(nullable: false),
                    trainee_id = table.Column<Guid>(nullable: false),
                    invoice_participant_names = table.Column<byte[]>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_invoice_participants", x => new { x.invoice_id, x.enrolment_id });
                    table.ForeignKey(
                        name: "FK_training_invoice_participants_training_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "training_invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_training_invoice_participants_enrolment",
                        column: x => x.enrolment_id,
                        principalTable: "training_enrolments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_training_campaign_recipients_id",
                table: "training_campaign_recipients",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_campaign_recipients_trainee_id",
                table: "training_campaign_recipients",
                column: "trainee_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_campaigns_card_type_key",
                table: "training_campaigns",
                column: "card_type_key");

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_card_type_key",
                table: "training_certificates",
                column: "card_type_key");

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_enrolment_id",
                table: "training_certificates",
                column: "enrolment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_number",
                table: "training_certificates",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_trainee_id",
                table: "training_certificates",
                column: "trainee_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_verification_code",
                table: "training_certificates",
                column: "verification_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_corrections_trainee_id",
                table: "training_corrections",
                column: "trainee_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_courses_card_type_key",
                table: "training_courses",
                column: "card_type_key");

            migrationBuilder.CreateIndex(
                name: "IX_training_employers_business_id",
                table: "training_employers",
                column: "business_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_employers_contact_email_index",
                table: "training_employers",
                column: "contact_email_index");

            migrationBuilder.CreateIndex(
                name: "IX_training_enrolments_cancel_token_hash",
                table: "training_enrolments",
                column: "cancel_token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_training_enrolments_live",
                table: "training_enrolments",
                columns: new[] { "session_id", "trainee_id" },
                unique: true,
                filter: "status <> 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "IX_training_enrolments_reference",
                table: "training_enrolments",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_enrolments_submission_key",
                table: "training_enrolments",
                column: "submission_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_enrolments_trainee_id",
                table: "training_enrolments",
                column: "trainee_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_exams_enrolment_id",
                table: "training_exams",
                column: "enrolment_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_invoice_participants_enrolment_id",
                table: "training_invoice_participants",
                column: "enrolment_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_invoice_participants_trainee_id",
                table: "training_invoice_participants",
                column: "trainee_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_invoices_employer_id",
                table: "training_invoices",
                column: "employer_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_invoices_session_id",
                table: "training_invoices",
                column: "session_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_invoices_source_reference",
                table: "training_invoices",
                column: "source_reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_sessions_course_id",
                table: "training_sessions",
                column: "course_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_sessions_starts_at",
                table: "training_sessions",
                column: "starts_at");

            migrationBuilder.CreateIndex(
                name: "IX_training_sign_in_links_email_index_created_at",
                table: "training_sign_in_links",
                columns: new[] { "email_index", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_training_trainees_email_index",
                table: "training_trainees",
                column: "email_index");

            migrationBuilder.CreateIndex(
                name: "IX_training_trainees_hetu_index",
                table: "training_trainees",
                column: "hetu_index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_trainees_subject_id",
                table: "training_trainees",
                column: "subject_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "training_campaign_recipients");

            migrationBuilder.DropTable(
                name: "training_certificates");

            migrationBuilder.DropTable(
                name: "training_corrections");

            migrationBuilder.DropTable(
                name: "training_exams");

            migrationBuilder.DropTable(
                name: "training_invoice_participants");

            migrationBuilder.DropTable(
                name: "training_marketing_suppressions");

            migrationBuilder.DropTable(
                name: "training_sign_in_links");

            migrationBuilder.DropTable(
                name: "training_campaigns");

            migrationBuilder.DropTable(
                name: "training_invoices");

            migrationBuilder.DropTable(
                name: "training_enrolments");

            migrationBuilder.DropTable(
                name: "training_employers");

            migrationBuilder.DropTable(
                name: "training_sessions");

            migrationBuilder.DropTable(
                name: "training_trainees");

            migrationBuilder.DropTable(
                name: "training_courses");

            migrationBuilder.DropTable(
                name: "training_card_types");
        }
    }
}
