package org.stoa.server.transparency;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The values Stoa uses from the EU DSA Transparency Database's submission format (schema v2):
 * upper-case strings written exactly as the database spells them, whatever the JSON settings do
 * to other enums. Only what Stoa's decisions can be; the database has more.
 */
final class Dsa {

    private Dsa() {}

    /** A value written as its constant's name. */
    interface Value {
        @JsonValue
        String name();
    }

    enum Visibility implements Value {
        DECISION_VISIBILITY_CONTENT_REMOVED, DECISION_VISIBILITY_CONTENT_DISABLED
    }

    enum Provision implements Value {
        DECISION_PROVISION_PARTIAL_SUSPENSION
    }

    enum AccountDecision implements Value {
        DECISION_ACCOUNT_SUSPENDED, DECISION_ACCOUNT_TERMINATED
    }

    enum Ground implements Value {
        DECISION_GROUND_INCOMPATIBLE_CONTENT
    }

    enum ContentType implements Value {
        CONTENT_TYPE_TEXT, CONTENT_TYPE_IMAGE, CONTENT_TYPE_OTHER
    }

    enum Category implements Value {
        STATEMENT_CATEGORY_SCAMS_AND_FRAUD, STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY, STATEMENT_CATEGORY_CYBER_VIOLENCE,
        STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS, STATEMENT_CATEGORY_OTHER_VIOLATION_TC
    }

    enum Keyword implements Value {
        KEYWORD_PHISHING
    }

    enum SourceType implements Value {
        SOURCE_TYPE_OTHER_NOTIFICATION, SOURCE_VOLUNTARY
    }

    enum AutomatedDecision implements Value {
        AUTOMATED_DECISION_FULLY, AUTOMATED_DECISION_PARTIALLY, AUTOMATED_DECISION_NOT_AUTOMATED
    }
}
