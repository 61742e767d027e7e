#ifndef VERDICT_LIBXML2_SHIM_H
#define VERDICT_LIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU; its headers would then pull in the system ICU,
   which clashes with Foundation's copy. Verdict never touches the ICU members of
   libxml2's encoding handler (only pointers to it), so the headers are read without. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlIO.h>
#include <libxml/encoding.h>
#include <stdint.h>

/* libxml2's generic error channel is variadic, which Swift cannot implement:
   this no-op keeps libxml2 from ever printing to stderr itself. */
static void verdict_silent_generic(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

static inline void verdict_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, verdict_silent_generic);
}

/* A dossier has no DOCTYPE: the parser stops at the DOCTYPE's name, before any
   internal subset (entities) or external DTD is read. `_private` marks why it stopped. */
static void verdict_refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *externalID,
                                   const xmlChar *systemID) {
    (void)name; (void)externalID; (void)systemID;
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)ctx;
    int line = (ctxt->input != NULL && ctxt->input->line > 0) ? ctxt->input->line : 1;
    ctxt->_private = (void *)(intptr_t)line;
    xmlStopParser(ctxt);
}

static inline void verdict_forbid_doctype(xmlParserCtxtPtr ctxt) {
    if (ctxt != NULL && ctxt->sax != NULL) {
        ctxt->sax->internalSubset = verdict_refuse_doctype;
    }
}

/* The line of the refused DOCTYPE, or 0 when there was none. */
static inline long verdict_doctype_line(xmlParserCtxtPtr ctxt) {
    return ctxt != NULL ? (long)(intptr_t)ctxt->_private : 0;
}
#endif
