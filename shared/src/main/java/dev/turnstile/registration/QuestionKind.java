package dev.turnstile.registration;

/** text: free text; choice: one of the options; multi_choice: any of them; checkbox: yes/no (required: must be ticked). */
public enum QuestionKind {
    TEXT, CHOICE, MULTI_CHOICE, CHECKBOX
}
