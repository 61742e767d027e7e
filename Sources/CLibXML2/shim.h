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
#include <libxml/xmlwriter.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/* Validates against the schema while the parser reads (libxml2's SAX plug), so that a
   dossier with thousands of schema errors can be stopped after the listed maximum and
   libxml2 never walks the tree to locate an error (which is quadratic in the siblings). */
static _Thread_local endElementNsSAX2Func verdict_plug_end = NULL;
static _Thread_local int verdict_closing = 0;
/* The fact store the reader's SAX handlers fill (a Swift object, unretained), per thread. */
static _Thread_local void *verdict_sink = NULL;

/* What an element lacks is found at its end tag; it is reported at its start tag, as a
   validation of the tree would: the reader remembers the element it just closed, and this
   flag says that the validator is at an end tag. */
static void verdict_end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
    verdict_closing = 1;
    if (verdict_plug_end != NULL) verdict_plug_end(ctx, localname, prefix, uri);
    verdict_closing = 0;
}

static inline xmlSchemaSAXPlugPtr verdict_plug_schema(xmlParserCtxtPtr ctxt, xmlSchemaValidCtxtPtr v) {
    if (ctxt == NULL || v == NULL) return NULL;
    xmlSchemaSAXPlugPtr plug = xmlSchemaSAXPlug(v, &ctxt->sax, &ctxt->userData);
    if (plug != NULL && ctxt->sax != NULL) {
        verdict_plug_end = ctxt->sax->endElementNs;
        ctxt->sax->endElementNs = verdict_end_element;
    }
    return plug;
}

static inline void verdict_unplug_schema(xmlSchemaSAXPlugPtr plug) {
    verdict_plug_end = NULL;
    verdict_closing = 0;
    if (plug != NULL) xmlSchemaSAXUnplug(plug);
}

/* Whether the validator is at an end tag (what the element lacks inside). */
static inline int verdict_at_end_tag(void) { return verdict_closing; }

static inline void verdict_set_sink(void *sink) { verdict_sink = sink; }
static inline void *verdict_current_sink(void) { return verdict_sink; }

/* The parser reads a dossier held in memory a window at a time, as it would read a file:
   xmlCreateMemoryParserCtxt copies the whole input into libxml2's own buffer first (in
   2.9, a second copy of a 30 MB dossier held for the whole parse). The bytes must outlive
   the context; the window's state is freed with it. */
typedef struct { const char *base; size_t size; size_t offset; } verdict_window;

static int verdict_window_read(void *context, char *buffer, int len) {
    verdict_window *w = (verdict_window *)context;
    if (len <= 0) return 0;
    size_t left = w->size - w->offset;
    size_t n = left < (size_t)len ? left : (size_t)len;
    memcpy(buffer, w->base + w->offset, n);
    w->offset += n;
    return (int)n;
}

static int verdict_window_close(void *context) { free(context); return 0; }

static inline xmlParserCtxtPtr verdict_windowed_parser(const char *base, int size) {
    if (base == NULL || size <= 0) return NULL;
    verdict_window *w = (verdict_window *)malloc(sizeof(verdict_window));
    if (w == NULL) return NULL;
    w->base = base; w->size = (size_t)size; w->offset = 0;
    /* On failure libxml2 calls the close callback, which frees the window. */
    return xmlCreateIOParserCtxt(NULL, NULL, verdict_window_read, verdict_window_close, w, XML_CHAR_ENCODING_NONE);
}

/* The line of the refused DOCTYPE, or 0 when there was none. */
static inline long verdict_doctype_line(xmlParserCtxtPtr ctxt) {
    return ctxt != NULL ? (long)(intptr_t)ctxt->_private : 0;
}
#endif
