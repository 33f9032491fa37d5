//! The worked examples of the SonarSource white paper "Cognitive Complexity" (G. Ann Campbell),
//! with their published scores, in Java (as published) and translated to Python and the other
//! grammars. Python has no labelled `continue`, so its `sumOfPrimes` scores 7 - 1 = 6.

use super::{analyze, cognitive, metrics};
use crate::lang::Language;

const JAVA: &str = r#"
class Examples {
  int sumOfPrimes(int max) {
    int total = 0;
    OUT: for (int i = 1; i <= max; ++i) {
      for (int j = 2; j < i; ++j) {
        if (i % j == 0) {
          continue OUT;
        }
      }
      total += i;
    }
    return total;
  }

  String getWords(int number) {
    switch (number) {
      case 1:
        return "one";
      case 2:
        return "a couple";
      case 3:
        return "a few";
      default:
        return "lots";
    }
  }

  void myMethod() {
    try {
      if (condition1) {
        for (int i = 0; i < 10; i++) {
          while (condition2) { step(); }
        }
      }
    } catch (ExcepType1 | ExcepType2 e) {
      if (condition2) { recover(); }
    }
  }

  void myMethod2() {
    Runnable r = () -> {
      if (condition1) { run(); }
    };
  }

  boolean sequences() {
    if (a
        && b && c
        || d || e
        && f) {
      return true;
    }
    return false;
  }

  @Nullable
  private MethodJavaSymbol overriddenSymbolFrom(ClassJavaType classType) {
    if (classType.isUnknown()) {
      return Symbols.unknownMethodSymbol;
    }
    boolean unknownFound = false;
    List<JavaSymbol> symbols = classType.getSymbol().members().lookup(name);
    for (JavaSymbol overrideSymbol : symbols) {
      if (overrideSymbol.isKind(JavaSymbol.MTH)
          && !overrideSymbol.isStatic()) {
        MethodJavaSymbol methodJavaSymbol = (MethodJavaSymbol) overrideSymbol;
        if (canOverride(methodJavaSymbol)) {
          Boolean overriding = checkOverridingParameters(methodJavaSymbol, classType);
          if (overriding == null) {
            if (!unknownFound) {
              unknownFound = true;
            }
          } else if (overriding) {
            return methodJavaSymbol;
          }
        }
      }
    }
    if (unknownFound) {
      return Symbols.unknownMethodSymbol;
    }
    return null;
  }
}
"#;

#[test]
fn java_white_paper_examples() {
    let a = analyze(Language::Java, JAVA);
    assert_eq!(a.parse_error, None);
    // sumOfPrimes: for +1, for +2, if +3, continue OUT +1 = 7; cyclomatic 4.
    assert_eq!(metrics(&a, "Examples.sumOfPrimes"), (4, 7, 1, 3, 7));
    // getWords: the switch +1 = 1; cyclomatic 3 cases + 1 = 4.
    assert_eq!(metrics(&a, "Examples.getWords"), (4, 1, 1, 1, 17));
    // if +1, for +2, while +3, catch +1, if +2 = 9.
    assert_eq!(cognitive(&a, "Examples.myMethod"), 9);
    // The lambda nests: if +2 = 2.
    assert_eq!(cognitive(&a, "Examples.myMethod2"), 2);
    // if +1, `&&` +1, `||` +1, `&&` +1 = 4.
    assert_eq!(cognitive(&a, "Examples.sequences"), 4);
    // The appendix example: 19.
    let (cyclo, cog, params, nesting, line) = metrics(&a, "Examples.overriddenSymbolFrom");
    assert_eq!(cog, 19);
    assert_eq!((cyclo, params, nesting, line), (10, 1, 5, 71));
}

const PYTHON: &str = r#"
def sum_of_primes(max):
    total = 0
    for i in range(1, max + 1):
        for j in range(2, i):
            if i % j == 0:
                break
        else:
            total += i
    return total


def get_words(number):
    match number:
        case 1:
            return "one"
        case 2:
            return "a couple"
        case 3:
            return "a few"
        case _:
            return "lots"


def my_method():
    try:
        if condition1:
            for i in range(10):
                while condition2:
                    step()
    except (ExcepType1, ExcepType2):
        if condition2:
            recover()


def my_method2():
    r = lambda: run() if condition1 else None


def sequences():
    if (a
            and b and c
            or d or e
            and f):
        return True
    return False


def overridden_symbol_from(self, class_type):
    if class_type.is_unknown():
        return Symbols.unknown_method_symbol
    unknown_found = False
    symbols = class_type.get_symbol().members().lookup(self.name)
    for override_symbol in symbols:
        if (override_symbol.is_kind(JavaSymbol.MTH)
                and not override_symbol.is_static()):
            method_java_symbol = override_symbol
            if self.can_override(method_java_symbol):
                overriding = self.check_overriding_parameters(method_java_symbol, class_type)
                if overriding is None:
                    if not unknown_found:
                        unknown_found = True
                elif overriding:
                    return method_java_symbol
    if unknown_found:
        return Symbols.unknown_method_symbol
    return None
"#;

#[test]
fn python_white_paper_examples() {
    let a = analyze(Language::Python, PYTHON);
    assert_eq!(a.parse_error, None);
    // for +1, for +2, if +3; no labelled continue in Python (the for-else adds nothing) = 6.
    assert_eq!(metrics(&a, "sum_of_primes"), (4, 6, 1, 3, 6));
    // match +1 = 1; cyclomatic 3 cases (`case _` is the default) + 1 = 4.
    assert_eq!(metrics(&a, "get_words"), (4, 1, 1, 1, 14));
    assert_eq!(cognitive(&a, "my_method"), 9);
    // The conditional expression inside the lambda: +1, +1 for the lambda's nesting = 2.
    assert_eq!(cognitive(&a, "my_method2"), 2);
    assert_eq!(cognitive(&a, "sequences"), 4);
    // A module-level function: `self` is an ordinary parameter here.
    let (cyclo, cog, params, nesting, line) = metrics(&a, "overridden_symbol_from");
    assert_eq!(cog, 19);
    assert_eq!((cyclo, params, nesting, line), (10, 2, 5, 61));
}

/// `sumOfPrimes` and `getWords` in the other grammars: 7 and 1 wherever the language has a
/// labelled `continue`.
#[test]
fn sum_of_primes_and_get_words_in_other_languages() {
    let js = r#"
function sumOfPrimes(max) {
  let total = 0;
  OUT: for (let i = 1; i <= max; ++i) {
    for (let j = 2; j < i; ++j) {
      if (i % j === 0) {
        continue OUT;
      }
    }
    total += i;
  }
  return total;
}
function getWords(number) {
  switch (number) {
    case 1: return "one";
    case 2: return "a couple";
    case 3: return "a few";
    default: return "lots";
  }
}
"#;
    let go = r#"package p

func sumOfPrimes(max int) int {
	total := 0
OUT:
	for i := 1; i <= max; i++ {
		for j := 2; j < i; j++ {
			if i%j == 0 {
				continue OUT
			}
		}
		total += i
	}
	return total
}

func getWords(number int) string {
	switch number {
	case 1:
		return "one"
	case 2:
		return "a couple"
	case 3:
		return "a few"
	default:
		return "lots"
	}
}
"#;
    let rust = r#"
fn sum_of_primes(max: u32) -> u32 {
    let mut total = 0;
    'out: for i in 1..=max {
        for j in 2..i {
            if i % j == 0 {
                continue 'out;
            }
        }
        total += i;
    }
    total
}
fn get_words(number: u32) -> &'static str {
    match number {
        1 => "one",
        2 => "a couple",
        3 => "a few",
        _ => "lots",
    }
}
"#;
    for (lang, src, primes, words) in [
        (Language::JavaScript, js, "sumOfPrimes", "getWords"),
        (Language::TypeScript, js, "sumOfPrimes", "getWords"),
        (Language::Go, go, "sumOfPrimes", "getWords"),
        (Language::Rust, rust, "sum_of_primes", "get_words"),
    ] {
        let a = analyze(lang, src);
        assert_eq!(a.parse_error, None, "{lang:?}");
        let (cyclo, cog, ..) = metrics(&a, primes);
        assert_eq!((cyclo, cog), (4, 7), "{lang:?} {primes}");
        let (cyclo, cog, ..) = metrics(&a, words);
        assert_eq!((cyclo, cog), (4, 1), "{lang:?} {words}");
    }
}
