/* parse-floor.c: the libxml2 parse floor for the benchmark (scripts/bench.sh).
 *
 * Parses every file named on the command line into a tree with libxml2
 * (xmlReadFile, XML_PARSE_NONET, no DTD loading, no validation) and frees it;
 * prints nothing. Exit status 1 if some file did not parse (libxml2 prints why).
 *
 *   cc -O2 -o parse-floor scripts/parse-floor.c $(pkg-config --cflags --libs libxml-2.0)
 */
#include <libxml/parser.h>
#include <libxml/tree.h>

int main(int argc, char **argv) {
    int status = 0;
    LIBXML_TEST_VERSION
    for (int i = 1; i < argc; i++) {
        xmlDocPtr doc = xmlReadFile(argv[i], NULL, XML_PARSE_NONET);
        if (doc == NULL) {
            status = 1;
            continue;
        }
        xmlFreeDoc(doc);
    }
    xmlCleanupParser();
    return status;
}
