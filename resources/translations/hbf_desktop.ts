<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
    <context>
        <name>Actions</name>
        <message>
            <source>&amp;Lock now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lock the screen and close the records</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>S&amp;ync now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send and receive changes now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;New client…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a new client</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log &amp;welfare call…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log a welfare call for the selected client</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log &amp;intervention…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log an intervention for the selected client</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Search clients</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search clients by name or code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Privacy mode</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mask names and identifiers on screen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close HBF Desktop</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AttachmentViewer</name>
        <message>
            <source>Attachment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This kind of file cannot be shown here. Use Export to save a copy on purpose.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attachment content</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AttachmentsSection</name>
        <message>
            <source>&amp;Add from file…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>E&amp;xport…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export attachment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add an attachment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind of document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exported.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CaseloadModel</name>
        <message>
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Known as</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next follow-up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NRM stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worker</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CaseloadView</name>
        <message>
            <source>Clients</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clients shown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Follow-up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due within a week</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None planned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NRM stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Filter by {what}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{what}: any</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>1 client</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} clients</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No clients yet. Press Ctrl+N (or New client) to add the first one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No client matches. Clear the search or the filters to see everyone.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ClientHeader</name>
        <message>
            <source>Pseudonym code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Known as</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Client summary</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Copy code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy the pseudonym code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy the pseudonym code; the clipboard is cleared after a minute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risk: {v}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not assessed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case: {v}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>none</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worker: {v}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next follow-up: {v}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ClientView</name>
        <message>
            <source>Contacts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Interventions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Referrals and NRM</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Consents</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risk and needs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Support plan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safety plan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accommodation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Legal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tasks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attachments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cases</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>← Caseload</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Back to the caseload</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Parts of the record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Profile and identity</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ConflictView</name>
        <message>
            <source>Client</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Field</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Found</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Conflicts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Value held now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Other value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Or type the right value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edited value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save &amp;typed value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Conflict message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type the value as it is shown above (a number, true or false, a list).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved; the choice will sync like any edit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settled: the value held now is kept, so nothing needed to change.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>EnrolDialog</name>
        <message>
            <source>Enrol this laptop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter the one-time enrolment code your administrator gave you.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>for example: outreach laptop 3 (no client names)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Organisation:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Organisation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Root key id:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Root key id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Server:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enrolment &amp;code:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enrolment code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Laptop &amp;name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Laptop name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Import set-up file…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import set-up file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No server — work by USB &amp;bundle…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No server: work by USB bundle</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the signed directory file your administrator gave you</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enrolling</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enrolment result</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Enrol</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enrol</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No set-up file yet: import the one from your organisation.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compare the root key id with the one your IT contact read out to you.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import the organisation's set-up file first: it names the key to trust.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter the enrolment code first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enrolling with {server}…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the directory file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking the directory file…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a supervisor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a caseworker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Organisation {name}: root key {key} (compare with what IT read out).
Directory version {version} kept: this laptop works by USB bundle as {role}. Write and take in bundles in Settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not enrolled: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not enrolled because of an unexpected problem ({error}); tell IT.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>FormDialog</name>
        <message>
            <source>Unsaved changes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You have changes that are not saved. Discard them?</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>GoalsEditor</name>
        <message>
            <source>No goals yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add &amp;goal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add goal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose an area</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Goal {n}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Goal {n} area</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Goal {n} target date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Optional; {hint}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Goal {n} status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove goal {n}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ImportView</name>
        <message>
            <source>&amp;Import from the server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Take in a USB &amp;bundle…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Take in a USB bundle</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bring in what the team has synced since the last import.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import from the server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind of record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Updated</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Records</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Device</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changes received</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gaps</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Revoked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Devices</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Batch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>State</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Batches set aside</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New and updated records</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Per worker device</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Batches set aside (gaps, forks, refused)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Importing: contacting the server…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelling; nothing will be left half applied…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Importing: {n} batches so far…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import cancelled. Nothing was half applied; import again to resume.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import finished.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The import stopped: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>1 new record,</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} new records,</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>1 updated;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} updated;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>1 new conflict</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} new conflicts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>({n} waiting for review);</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>1 batch set aside.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} batches set aside.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LogDialog</name>
        <message>
            <source>Log welfare call</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log intervention</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Client {code}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Client</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ctrl+Return saves.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LongWorkDialog</name>
        <message>
            <source>Working…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Progress message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Progress detail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>about {n} s left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>about {n} min left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelling; nothing will be left half done…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Search clients (Ctrl+F)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search clients</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Today</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Caseload</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Main</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Main toolbar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Client</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;View</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Update</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lock now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No client selected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select a client in the caseload first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This laptop was erased</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{message}

HBF Desktop will now close.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>NewClientDialog</name>
        <message>
            <source>New client</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A pseudonym code is made for the client when you save.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PassphrasePage</name>
        <message>
            <source>Choose a passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At least {n} characters. Three or four unrelated words are easy to remember and hard to guess.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Create the store</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New passphrase again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Passphrase strength</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Strength: %v of 4</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Passphrase advice</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The two passphrases differ.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This passphrase is acceptable.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ProfileTab</name>
        <message>
            <source>Profile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Identity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save profile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the profile (Ctrl+S)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was saved: please correct the fields marked below them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Provisioning</name>
        <message>
            <source>Organisation set-up file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This file could not be used, and nothing was changed: {error}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ProvisioningPage</name>
        <message>
            <source>Welcome to HBF Desktop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>If your organisation gave you a set-up file, import it now. You can skip this.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Import set-up file…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import set-up file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set-up file details</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No set-up file yet. You can still work offline and add it later.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Organisation: {name}
Server: {url}
Root key id: {key}

Compare the root key id with the one your IT contact read out to you. After set-up you will be asked for the enrolment code your administrator gives you.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RecordDialog</name>
        <message>
            <source>Edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RecordForm</name>
        <message>
            <source>Problems</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Problem with {field}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RecordSection</name>
        <message>
            <source>&amp;Add…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Delete…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This client has no case yet; open one under Cases first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete the {kind} record of {when}? It leaves this client's record on every device once synced. Nothing else is deleted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no date</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RecoveryDialog</name>
        <message>
            <source>Use the recovery key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type the recovery key you wrote down at set-up, then choose a new passphrase.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recovery key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New passphrase again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The two passphrases differ.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking the recovery key…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RecoveryKeyPage</name>
        <message>
            <source>Your recovery key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write this key down on paper and keep it somewhere safe, away from the laptop. It is shown only now, and it is the only way back in if the passphrase is forgotten.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Creating the encrypted store</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recovery key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>I have &amp;written the recovery key down</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>I have written the recovery key down</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Creating your encrypted store…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your store is ready.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The store could not be created: {error}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RekeyDialog</name>
        <message>
            <source>Re-key the database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This re-encrypts every record in this laptop's store under a new key. Do it if you think the store's key may have been copied (for example, the laptop was out of your hands while unlocked).

It can take several minutes on a large store: keep the laptop plugged in. Sync stops meanwhile. Your passphrase stays the same. A NEW recovery key will be shown at the end: write it down, because the old recovery key will no longer open this store. Backups made before now still open with the passphrase and recovery key of their time.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What re-keying does</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Current passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Current passphrase:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re-key progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New recovery key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>I have &amp;written the new recovery key down</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>I have written the new recovery key down</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Re-key now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re-key now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type your current passphrase first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking the passphrase and closing the store…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re-encrypting the store… {percent}%</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>about {n} minutes left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>about {n} seconds left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Done: the store is re-keyed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This is your NEW recovery key. Write it down on paper and keep it somewhere safe, away from the laptop; it is shown only now. The old recovery key no longer opens this store.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The re-key was cancelled. The store is unchanged and open again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The store was not re-keyed: {error} The store is unchanged and open again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The store was not re-keyed: {error} Lock the window and unlock again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelling; the store will be left as it was…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReportsView</name>
        <message>
            <source>This month</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last quarter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last financial year (April to March)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last calendar year</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Period preset</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From (first day)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To (not included)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;De-identified (disclosure control applied)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Show figures</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export {fmt}…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Classification</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reports message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Counting…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Measure</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Subcategory</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Figures for {start} to {end} (end not included).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exporting {fmt}…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Written: {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Chart</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SettingsView</name>
        <message>
            <source>Your organisation's policy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lock after idle minutes:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clipboard cleared after seconds:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Data folder:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Privacy mode: mask names and identifiers (Ctrl+Shift+P)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Privacy mode</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Import a file…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>E&amp;xport without identities…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Back up…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keys</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re-&amp;key the database…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re-key the database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New recovery &amp;key…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New recovery key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The recovery key is replaced.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Make a new recovery key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The store was re-keyed, but its new recovery key was never confirmed as written down. Make a new recovery key now and write it down: without one, a forgotten passphrase would lock you out.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync and updates</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not enrolled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enrolment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>E&amp;nrol this laptop…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enrol this laptop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check for &amp;updates</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check for updates</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Update check result</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This laptop:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enrolled as a supervisor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enrolled as a caseworker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Works by USB bundle (no server)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a supervisor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a caseworker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Works by USB bundle (no server) as {role}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking for updates…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import records</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Importing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export records</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exporting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Back up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backing up</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SetupWizard</name>
        <message>
            <source>Set up HBF Desktop</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Shell</name>
        <message>
            <source>Navigation</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupervisorViews</name>
        <message>
            <source>Import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Conflicts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reports</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SyncStatus</name>
        <message>
            <source>Sync state</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changes waiting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync not set up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enrol this laptop in Settings with the code from your administrator.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Locked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlock to see what is waiting to sync.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>1 change waiting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{n} changes waiting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>More than {n} changes waiting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing waiting</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TeamView</name>
        <message>
            <source>Worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Device</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changes received</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gaps</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clients</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Revoked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Worker devices</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Client</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Team caseload</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assign to worker device</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Assign to this worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A note for the client's worker (arrives as a follow-up)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note for the worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send &amp;note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type the worker's name to confirm</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Confirm the device to revoke</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Revoke and order a wipe</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Team message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lost laptop:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Caseload across workers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(supervisor)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Revoke {user}'s laptop ({device}) and order a wipe</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select a client and the worker device to assign it to.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assigned; {n} changes will travel to the worker.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select a client and write the note first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note saved; it reaches the worker at the next sync.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Revoked at {at}; the laptop erases its data when it next reaches the server.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TodayList</name>
        <message>
            <source>Code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Known as</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Detail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>RG</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CG</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{decision} pending since {day}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>review by {day}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TodayView</name>
        <message>
            <source>Follow-ups due or overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>High risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NRM decisions taking longer than usual</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Consents due for review</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>UnlockPage</name>
        <message>
            <source>HBF Desktop is locked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Passphrase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Unlock</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlock</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlocking</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Forgotten the passphrase?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use the recovery key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking the passphrase…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wait 1 second</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wait {n} seconds</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>UpdateNotice</name>
        <message>
            <source>Updates are not set up on this laptop (no release key was provisioned).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The update check did not complete; nothing was installed: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The update check failed unexpectedly ({kind}); nothing was installed.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>UsbBundles</name>
        <message>
            <source>&amp;Write bundle for USB…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write bundle for USB</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Put the changes waiting to be sent in an encrypted file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Take in a bundle…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Take in a bundle</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bring in the changes in a bundle written on another laptop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Working on the bundle</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bundle result</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wrote a bundle with no batches to {path}: nothing was waiting to be sent.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wrote {n} sealed batches to {path}. Carry the file to the caseworkers' laptops; it is encrypted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wrote {n} sealed batches to {path}. Carry the file to your supervisor; it is encrypted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Writing the bundle…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking and taking in the bundle…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Took in {applied} batches ({duplicates} already held, {waiting} waiting for earlier ones, {refused} refused): {created} new records, {updated} updated, {deleted} deleted, {conflicts} conflicts to review.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set aside: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was applied.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No bundle written: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bundle not taken in: {error}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not done because of an unexpected problem ({error}); tell IT.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>_SidePane</name>
        <message>
            <source>Keep this value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep: {title}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Value</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>By</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>When</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(empty)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{user} (device {device})</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>goals</name>
        <message>
            <source>by {date}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>vocabulary</name>
        <message>
            <source>Accepted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accommodation food services</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accommodation move</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accompaniment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Achieved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Action plan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Active</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Actual end</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Additional services required</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Administrative support services</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Advert (online, TV or newspaper)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Age band</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Age band at the time</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Agriculture forestry fishing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appeal rights exhausted (refused)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Arts entertainment recreation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assessed on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assessment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assigned to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assigned worker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Asylum</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Asylum dispersal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Asylum hotel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Asylum seeker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attachment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Because of a decision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Benefits finance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CG negative</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CG positive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case plan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Case status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Central government</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checksum</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Child support services</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Children</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Citizenship</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Civil claim</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Client</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Client cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Client choice</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Client identity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Client request</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Closed on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Closed referred</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Closure note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Closure reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Code words</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compensation CICA</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compensation support</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Competent authority</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Complementary (humanitarian) protection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Completed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Concluded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Concluded on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Conclusive grounds decision date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Conclusive grounds outcome</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Consent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Consent form</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Consent given</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Consent review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Consent to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Construction</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contact by exploiters</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contact phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contact text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Corporate business</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Country</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Create</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Created by rule</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Criminal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Criminal investigation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Data processing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Date given</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Date of birth</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Date withdrawn</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Debt bondage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deceased</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Decision letter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Declined</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deportee</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Destitution</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Detention</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Detention or removal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Direction</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disability</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disqualified bad faith</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disqualified public order</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Domestic abuse</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Domestic servitude</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dropped</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Drugs or alcohol</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Duty to Notify (anonymous)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Education</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Education college</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Educational institution</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Electricity gas steam air conditioning</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Email addresses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Emergency destitution</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Employment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Employment support</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>End of MSVCC support</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ended</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Environmental migrant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Erase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ex combatant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Excessive working hours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exited</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Explained to the client</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exploitation history</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Extended</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Extended by RNA</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Extension ends</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Extraterritorial organisations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>False promises</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Family</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Family migrant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Feminine</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>File name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>File type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Finance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Financial</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Financial insurance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First responder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First responder organisation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Follow up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Follow-up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Forced marriage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Forced migrant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Friend</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Friends</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From (local authority)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>GP referral</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gender</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gender non-conforming</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Goals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Has dependants</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Health</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Health care</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Health needs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Health physical</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Health service</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>High</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Home Office reference</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Home visit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Housing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Housing advocacy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How given</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How recruited</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How to withdraw</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Human health social work</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ID document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Immigration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Immigration Enforcement Competent Authority</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Immigration appeal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Immigration service</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Immigration status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In force from</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In the UK</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Incoming</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Industry or form</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Information communication</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Internally displaced person</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Interpreter language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Interpreter needed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Interpreter used</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Intervention</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Intimate partner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Irregular migrant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind of contact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind of document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind of exploitation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind of follow-up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind of intervention</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind of organisation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind of proceeding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind of support</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Known as</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Labour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Labour migrant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Languages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Law enforcement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Leave granted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Legal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Legal advice</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Legal hold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Legal hold (blocks deletion)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Legal name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Legal proceeding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Legal service</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Liaison MSVCC provider</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Liaison home office</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Liaison police</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Liaison solicitor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Livelihood</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Local authority area</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Local authority temporary</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Local government</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Login</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lost contact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Low</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MSVCC provider</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MSVCC safehouse</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MSVCC subcontractor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MSVCC support</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MSVCC support phase</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Made-up test record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Manufacturing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Masculine</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Means of control</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Medico-legal report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Medico-legal report completed on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Medico-legal report provider</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Medico-legal report referral</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Medico-legal report requested on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Medium</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mental health</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mental health referral</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Met</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Migration or change of location</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mining quarrying</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Minutes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Minutes spent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Month of birth</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Moved away</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Moved from</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Moved to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NGO</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NHS number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NRM</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NRM challenge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NRM form</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NRM reconsideration request</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NRM record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NRM reference</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NRM referral</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NRM support</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Needs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Needs assessment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Negative</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next key date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No answer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No area</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No response</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not assessed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not extended</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not referred</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not safe to talk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not specified or unknown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not started</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Number of children</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Objectives</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Office appointment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Online social networks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opened on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Organ harvesting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Organisation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Organisation shared with</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Other</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Other names</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Other service activities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Outcome</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Outgoing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overall risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overturned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pending</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Phone numbers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Photo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Physical abuse</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Physical threats</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Place of business</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Plan version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Planned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Planned end</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Police</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pornography</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Positive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Print</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Priority</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Private rented</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Private sexual services</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Professional scientific technical</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Programme</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prosecution witness</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prostitution</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pseudonym code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Psychological abuse</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Public administration defence</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Purpose</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>RG negative</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>RNA due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>RNA outcome</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>RNA submitted on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re-trafficking</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Real estate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reasonable grounds decision date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reasonable grounds decision overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reasonable grounds outcome</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reasons</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reconsideration outcome</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reconsideration requested on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recorded by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recovery from exploitation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recovery period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reference numbers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Referral</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Referral date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Referred</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refuge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refugee</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Relation to recruiter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Relocation support</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remote interactive services (webcam)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reopened</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rescheduled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Research (not identifying)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Research use</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Responded on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restricts financial access</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restricts medical care</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retention</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retention period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Return at closure</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Returnee</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Review due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Right of access</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rights based training</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risk assessment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risk by area</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risk from exploiters</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risk review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SAR export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safe accommodation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safe contacts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safe to talk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safeguarding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safeguarding referral</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Safety plan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scheduled for</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>School or college</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Self-harm or suicide</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Separated or unaccompanied child</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Services</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Services implemented</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sexual</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sexual abuse</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sexual health</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sexual health access</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share with org</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Single Competent Authority</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Size in bytes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sleeping rough</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Social care</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Social connection</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Social housing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Social isolation activity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sofa surfing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Solicitor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Started</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Started on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stateless person</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stranded migrant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Student migrant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Substance use</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Support complete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Support plan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Suspended</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Takes earnings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This passphrase is too common; choose another.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Threatens children family</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Threats law enforcement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To (local authority)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Transferred</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Transgender feminine</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Transgender masculine</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Transportation storage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>UK national</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unknown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unsafe accommodation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unsuitable conditions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Update</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Upheld</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Urgent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use at least 12 characters. Three or four unrelated words are easy to remember and hard to guess.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use more different characters: this passphrase repeats too much.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Uses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Verbal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Video call</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>View</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Visitor tourist migrant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Vulnerable migrant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for CG decision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for RG decision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Warning signs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Water supply sewerage waste</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Welfare call</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Welfare call due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wellbeing (0-10)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>When</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wholesale, retail and vehicle repair</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Withdrawn</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Withholds documents</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Withholds necessities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Work</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Work in a household</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Working with</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Written</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Year of birth</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Yes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a list of goals, each with area, target_date and status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>each risk area with a level: low, medium or high</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not given</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
