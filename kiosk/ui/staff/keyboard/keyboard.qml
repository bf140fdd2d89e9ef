// The on-screen keyboard of staff mode: Qt Virtual Keyboard's InputPanel, Pinyin and English.
// kiosk/ui/staff/keyboard/keyboard.py hosts it in a QQuickWidget at the bottom of the staff panel and sets
// the properties below from the theme tokens; nothing here is visible to visitors.
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

Item {
    id: root

    // Set by the host before loading (initial properties), in device pixels and theme colours.
    property real panelHeight
    property real candidateHeight
    property real panelMaxWidth: width
    property string keyboardLocale
    property color groundColor
    property color keyColor
    property color functionKeyColor
    property color separatorColor
    property color textColor
    property color accentColor
    // True once the panel is open on a field and its input method (Pinyin or Latin) takes keys.
    readonly property bool typingReady: inputPanel.active && InputContext.inputEngine.inputMethod !== null
                                        && !inputPanel.keyboard.inputMethodNeedsReset
                                        && !inputPanel.keyboard.inputModeNeedsReset
    // The keys and the candidate bar above them: the height the host gives the view.
    readonly property real requiredHeight: inputPanel.implicitHeight

    Rectangle {
        anchors.fill: parent
        color: root.groundColor
    }

    InputPanel {
        id: inputPanel
        objectName: "inputPanel"
        width: Math.min(root.width, root.panelMaxWidth)
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
    }

    // The built-in style fixes the keyboard's aspect ratio (design width : design height) and sizes
    // labels by height; its design width is set so that the keys are panelHeight tall at any width,
    // which keeps them tall enough on a portrait screen, and the candidate bar is a full touch target.
    readonly property var keyboardStyle: inputPanel.keyboard.style
    Binding {
        when: root.keyboardStyle
        target: root.keyboardStyle
        property: "keyboardDesignWidth"
        value: root.keyboardStyle.keyboardDesignHeight * Math.max(1, inputPanel.width) / root.panelHeight
    }
    Binding { when: root.keyboardStyle; target: root.keyboardStyle; property: "selectionListHeight"; value: root.candidateHeight }
    Binding { when: root.keyboardStyle; target: root.keyboardStyle; property: "keyboardBackgroundColor"; value: root.groundColor }
    Binding { when: root.keyboardStyle; target: root.keyboardStyle; property: "selectionListBackgroundColor"; value: root.groundColor }
    Binding { when: root.keyboardStyle; target: root.keyboardStyle; property: "selectionListSeparatorColor"; value: root.separatorColor }
    Binding { when: root.keyboardStyle; target: root.keyboardStyle; property: "selectionListTextColor"; value: root.accentColor }
    Binding { when: root.keyboardStyle; target: root.keyboardStyle; property: "normalKeyBackgroundColor"; value: root.keyColor }
    Binding { when: root.keyboardStyle; target: root.keyboardStyle; property: "highlightedKeyBackgroundColor"; value: root.functionKeyColor }
    Binding { when: root.keyboardStyle; target: root.keyboardStyle; property: "keyTextColor"; value: root.textColor }
    Binding { when: root.keyboardStyle; target: root.keyboardStyle; property: "keySmallTextColor"; value: root.textColor }
    Binding { when: root.keyboardStyle; target: root.keyboardStyle; property: "capsLockKeyAccentColor"; value: root.accentColor }

    // `kiosk keyboard --check`: the letters of `checkInput` go through the keyboard's own input engine
    // (as taps on the keys would) and the word candidates it offers come back in `checkCandidates`.
    property string checkInput
    property string checkCandidates
    onCheckInputChanged: {
        const engine = InputContext.inputEngine
        for (const letter of checkInput)
            engine.virtualKeyClick(letter.toUpperCase().charCodeAt(0), letter, 0)
        const model = engine.wordCandidateListModel
        const words = []
        for (let row = 0; row < model.count; ++row)
            words.push(model.dataAt(row, 0))
        checkCandidates = words.join(" ")
    }

    Component.onCompleted: {
        // Keys that slide into place would be missed by a quick first tap; software rendering of
        // moving candidates costs more than it shows.
        inputPanel.keyboard.noAnimations = true
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
        // A candidate bar that is always there keeps the staff page from jumping as Pinyin is typed.
        VirtualKeyboardSettings.wordCandidateList.alwaysVisible = true
        VirtualKeyboardSettings.locale = root.keyboardLocale
    }
    onKeyboardLocaleChanged: VirtualKeyboardSettings.locale = root.keyboardLocale
}
