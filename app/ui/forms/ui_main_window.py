# Generated from forms/main_window.ui by packaging/compile_forms.py (pyside6-uic). Do not edit: edit the .ui file.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit, QMenu, QMenuBar, QPushButton, QSizePolicy, QSpacerItem, QStackedWidget, QStatusBar, QTableView, QVBoxLayout, QWidget

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1100, 680)
        self.action_new_request = QAction(MainWindow)
        self.action_new_request.setObjectName(u"action_new_request")
        self.action_print = QAction(MainWindow)
        self.action_print.setObjectName(u"action_print")
        self.action_print_due = QAction(MainWindow)
        self.action_print_due.setObjectName(u"action_print_due")
        self.action_export = QAction(MainWindow)
        self.action_export.setObjectName(u"action_export")
        self.action_reports = QAction(MainWindow)
        self.action_reports.setObjectName(u"action_reports")
        self.action_quit = QAction(MainWindow)
        self.action_quit.setObjectName(u"action_quit")
        self.action_find = QAction(MainWindow)
        self.action_find.setObjectName(u"action_find")
        self.action_roster = QAction(MainWindow)
        self.action_roster.setObjectName(u"action_roster")
        self.action_directory = QAction(MainWindow)
        self.action_directory.setObjectName(u"action_directory")
        self.action_settings = QAction(MainWindow)
        self.action_settings.setObjectName(u"action_settings")
        self.action_database = QAction(MainWindow)
        self.action_database.setObjectName(u"action_database")
        self.action_refresh = QAction(MainWindow)
        self.action_refresh.setObjectName(u"action_refresh")
        self.central = QWidget(MainWindow)
        self.central.setObjectName(u"central")
        self.central_layout = QVBoxLayout(self.central)
        self.central_layout.setObjectName(u"central_layout")
        self.pages = QStackedWidget(self.central)
        self.pages.setObjectName(u"pages")
        self.worklist_page = QWidget()
        self.worklist_page.setObjectName(u"worklist_page")
        self.worklist_layout = QVBoxLayout(self.worklist_page)
        self.worklist_layout.setObjectName(u"worklist_layout")
        self.worklist_layout.setContentsMargins(0, 0, 0, 0)
        self.filters_row = QHBoxLayout()
        self.filters_row.setObjectName(u"filters_row")
        self.search_label = QLabel(self.worklist_page)
        self.search_label.setObjectName(u"search_label")

        self.filters_row.addWidget(self.search_label)

        self.search_edit = QLineEdit(self.worklist_page)
        self.search_edit.setObjectName(u"search_edit")
        self.search_edit.setClearButtonEnabled(True)

        self.filters_row.addWidget(self.search_edit)

        self.show_label = QLabel(self.worklist_page)
        self.show_label.setObjectName(u"show_label")

        self.filters_row.addWidget(self.show_label)

        self.show_combo = QComboBox(self.worklist_page)
        self.show_combo.setObjectName(u"show_combo")

        self.filters_row.addWidget(self.show_combo)

        self.plan_label = QLabel(self.worklist_page)
        self.plan_label.setObjectName(u"plan_label")

        self.filters_row.addWidget(self.plan_label)

        self.plan_combo = QComboBox(self.worklist_page)
        self.plan_combo.setObjectName(u"plan_combo")

        self.filters_row.addWidget(self.plan_combo)

        self.count_label = QLabel(self.worklist_page)
        self.count_label.setObjectName(u"count_label")

        self.filters_row.addWidget(self.count_label)


        self.worklist_layout.addLayout(self.filters_row)

        self.worklist_view = QTableView(self.worklist_page)
        self.worklist_view.setObjectName(u"worklist_view")
        self.worklist_view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.worklist_view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.worklist_view.setSortingEnabled(True)
        self.worklist_view.setAlternatingRowColors(False)
        self.worklist_view.setWordWrap(False)

        self.worklist_layout.addWidget(self.worklist_view)

        self.pages.addWidget(self.worklist_page)
        self.welcome_page = QWidget()
        self.welcome_page.setObjectName(u"welcome_page")
        self.welcome_layout = QVBoxLayout(self.welcome_page)
        self.welcome_layout.setObjectName(u"welcome_layout")
        self.welcome_top = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.welcome_layout.addItem(self.welcome_top)

        self.welcome_label = QLabel(self.welcome_page)
        self.welcome_label.setObjectName(u"welcome_label")
        self.welcome_label.setWordWrap(True)
        self.welcome_label.setAlignment(Qt.AlignCenter)

        self.welcome_layout.addWidget(self.welcome_label)

        self.welcome_buttons = QHBoxLayout()
        self.welcome_buttons.setObjectName(u"welcome_buttons")
        self.welcome_left = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.welcome_buttons.addItem(self.welcome_left)

        self.welcome_import_button = QPushButton(self.welcome_page)
        self.welcome_import_button.setObjectName(u"welcome_import_button")

        self.welcome_buttons.addWidget(self.welcome_import_button)

        self.welcome_demo_button = QPushButton(self.welcome_page)
        self.welcome_demo_button.setObjectName(u"welcome_demo_button")

        self.welcome_buttons.addWidget(self.welcome_demo_button)

        self.welcome_new_button = QPushButton(self.welcome_page)
        self.welcome_new_button.setObjectName(u"welcome_new_button")

        self.welcome_buttons.addWidget(self.welcome_new_button)

        self.welcome_right = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.welcome_buttons.addItem(self.welcome_right)


        self.welcome_layout.addLayout(self.welcome_buttons)

        self.welcome_bottom = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.welcome_layout.addItem(self.welcome_bottom)

        self.pages.addWidget(self.welcome_page)

        self.central_layout.addWidget(self.pages)

        MainWindow.setCentralWidget(self.central)
        self.menubar = QMenuBar(MainWindow)
        self.menubar.setObjectName(u"menubar")
        self.menu_file = QMenu(self.menubar)
        self.menu_file.setObjectName(u"menu_file")
        self.menu_view = QMenu(self.menubar)
        self.menu_view.setObjectName(u"menu_view")
        self.menu_tools = QMenu(self.menubar)
        self.menu_tools.setObjectName(u"menu_tools")
        MainWindow.setMenuBar(self.menubar)
        self.statusbar = QStatusBar(MainWindow)
        self.statusbar.setObjectName(u"statusbar")
        MainWindow.setStatusBar(self.statusbar)
#if QT_CONFIG(shortcut)
        self.search_label.setBuddy(self.search_edit)
        self.show_label.setBuddy(self.show_combo)
        self.plan_label.setBuddy(self.plan_combo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.search_edit, self.show_combo)
        QWidget.setTabOrder(self.show_combo, self.plan_combo)
        QWidget.setTabOrder(self.plan_combo, self.worklist_view)

        self.menubar.addAction(self.menu_file.menuAction())
        self.menubar.addAction(self.menu_view.menuAction())
        self.menubar.addAction(self.menu_tools.menuAction())
        self.menu_file.addAction(self.action_new_request)
        self.menu_file.addAction(self.action_print)
        self.menu_file.addAction(self.action_print_due)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.action_export)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.action_quit)
        self.menu_view.addAction(self.action_find)
        self.menu_view.addAction(self.action_refresh)
        self.menu_tools.addAction(self.action_directory)
        self.menu_tools.addAction(self.action_roster)
        self.menu_tools.addAction(self.action_reports)
        self.menu_tools.addSeparator()
        self.menu_tools.addAction(self.action_settings)
        self.menu_tools.addAction(self.action_database)

        self.retranslateUi(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"Second Opinion Desk", None))
        self.action_new_request.setText(QCoreApplication.translate("MainWindow", u"&New request\u2026", None))
#if QT_CONFIG(shortcut)
        self.action_new_request.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+N", None))
#endif // QT_CONFIG(shortcut)
        self.action_print.setText(QCoreApplication.translate("MainWindow", u"&Print letters of this request\u2026", None))
#if QT_CONFIG(shortcut)
        self.action_print.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+P", None))
#endif // QT_CONFIG(shortcut)
        self.action_print_due.setText(QCoreApplication.translate("MainWindow", u"Print letters &due today\u2026", None))
#if QT_CONFIG(shortcut)
        self.action_print_due.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Shift+P", None))
#endif // QT_CONFIG(shortcut)
        self.action_export.setText(QCoreApplication.translate("MainWindow", u"&Export for the plan\u2026", None))
#if QT_CONFIG(shortcut)
        self.action_export.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+E", None))
#endif // QT_CONFIG(shortcut)
        self.action_reports.setText(QCoreApplication.translate("MainWindow", u"&Reports\u2026", None))
#if QT_CONFIG(shortcut)
        self.action_reports.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+R", None))
#endif // QT_CONFIG(shortcut)
        self.action_quit.setText(QCoreApplication.translate("MainWindow", u"&Quit", None))
#if QT_CONFIG(shortcut)
        self.action_quit.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Q", None))
#endif // QT_CONFIG(shortcut)
        self.action_find.setText(QCoreApplication.translate("MainWindow", u"&Find a member", None))
#if QT_CONFIG(shortcut)
        self.action_find.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+F", None))
#endif // QT_CONFIG(shortcut)
        self.action_roster.setText(QCoreApplication.translate("MainWindow", u"&Member roster\u2026", None))
#if QT_CONFIG(tooltip)
        self.action_roster.setToolTip(QCoreApplication.translate("MainWindow", u"Import the plans' eligibility files (834 or CSV): the intake fills a request from the member ID", None))
#endif // QT_CONFIG(tooltip)
        self.action_directory.setText(QCoreApplication.translate("MainWindow", u"Provider &directory\u2026", None))
#if QT_CONFIG(shortcut)
        self.action_directory.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+D", None))
#endif // QT_CONFIG(shortcut)
        self.action_settings.setText(QCoreApplication.translate("MainWindow", u"&Settings\u2026", None))
#if QT_CONFIG(shortcut)
        self.action_settings.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+,", None))
#endif // QT_CONFIG(shortcut)
        self.action_database.setText(QCoreApplication.translate("MainWindow", u"&Database\u2026", None))
        self.action_refresh.setText(QCoreApplication.translate("MainWindow", u"&Refresh", None))
#if QT_CONFIG(shortcut)
        self.action_refresh.setShortcut(QCoreApplication.translate("MainWindow", u"F5", None))
#endif // QT_CONFIG(shortcut)
        self.search_label.setText(QCoreApplication.translate("MainWindow", u"&Search:", None))
        self.search_edit.setPlaceholderText(QCoreApplication.translate("MainWindow", u"Member last name or member ID", None))
#if QT_CONFIG(accessibility)
        self.search_edit.setAccessibleName(QCoreApplication.translate("MainWindow", u"Search", None))
#endif // QT_CONFIG(accessibility)
        self.show_label.setText(QCoreApplication.translate("MainWindow", u"Sho&w:", None))
#if QT_CONFIG(accessibility)
        self.show_combo.setAccessibleName(QCoreApplication.translate("MainWindow", u"Show", None))
#endif // QT_CONFIG(accessibility)
        self.plan_label.setText(QCoreApplication.translate("MainWindow", u"&Plan:", None))
#if QT_CONFIG(accessibility)
        self.plan_combo.setAccessibleName(QCoreApplication.translate("MainWindow", u"Plan", None))
#endif // QT_CONFIG(accessibility)
        self.count_label.setText("")
#if QT_CONFIG(accessibility)
        self.count_label.setAccessibleName(QCoreApplication.translate("MainWindow", u"Requests shown", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.worklist_view.setAccessibleName(QCoreApplication.translate("MainWindow", u"Worklist", None))
#endif // QT_CONFIG(accessibility)
        self.welcome_label.setText(QCoreApplication.translate("MainWindow", u"<h2>Welcome to Second Opinion Desk</h2><p>This database is empty. Start by importing your plans' provider directory, or look around with demo data (invented members and providers across all seven plans).</p>", None))
#if QT_CONFIG(accessibility)
        self.welcome_label.setAccessibleName(QCoreApplication.translate("MainWindow", u"Welcome", None))
#endif // QT_CONFIG(accessibility)
        self.welcome_import_button.setText(QCoreApplication.translate("MainWindow", u"&Import a provider directory\u2026", None))
        self.welcome_demo_button.setText(QCoreApplication.translate("MainWindow", u"&Load demo data", None))
        self.welcome_new_button.setText(QCoreApplication.translate("MainWindow", u"Start a &request", None))
        self.menu_file.setTitle(QCoreApplication.translate("MainWindow", u"&File", None))
        self.menu_view.setTitle(QCoreApplication.translate("MainWindow", u"&View", None))
        self.menu_tools.setTitle(QCoreApplication.translate("MainWindow", u"&Tools", None))
    # retranslateUi

