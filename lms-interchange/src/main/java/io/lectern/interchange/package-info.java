/**
 * Course interchange: IMS Common Cartridge 1.0-1.3 import and 1.3 export of whole courses, QTI 1.2
 * quizzes inside cartridges, QTI 2.1 items into and out of a quiz. Packages are read with bounded
 * zip and hardened XML parsing; web content is sanitised.
 *
 * <p>Exposes: {@link io.lectern.interchange.api} (the import report). Uses the courses and quiz
 * authoring apis and the certificates module's course files.
 */
@ApplicationModule(
    owns =
        "Common Cartridge and QTI import and export of courses and quizzes (no tables: it authors through the other modules)",
    allowedDependencies = {"courses", "quiz", "certificates"})
package io.lectern.interchange;

import io.lectern.shared.module.ApplicationModule;
